package org.fieldledger.model.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhotoRefTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void aLowerCaseHexDigestIsKeptAsSent() {
        assertThat(new PhotoRef(SHA).sha256()).isEqualTo(SHA);
    }

    @Test
    void anUpperCaseDigestNamesTheSamePhoto() {
        assertThat(new PhotoRef(SHA.toUpperCase())).isEqualTo(new PhotoRef(SHA));
    }

    @Test
    void anythingButSixtyFourHexDigitsIsRefusedWithWhatItMustBe() {
        for (String bad : new String[] {SHA.substring(1), SHA + "0", SHA.replace('f', 'g'), "sha256:" + SHA}) {
            assertThatThrownBy(() -> new PhotoRef(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("must match [0-9a-f]{64}");
        }
        assertThatThrownBy(() -> new PhotoRef(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
