package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.fieldledger.client.support.Notices;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attaching photos works offline: the bytes are copied and hashed at once and join the question's answer. */
class PhotoAttachTest extends FieldDeviceTestBase {
    private VisitId draft;

    @BeforeEach
    void offlineWithADraft() {
        peer.close();
        draft = device().startVisit(Notices.household(1).id(), Notices.SMOKE_ALARM);
    }

    @Test
    void aPhotoIsCopiedIntoTheDeviceHashedAndAddedToTheAnswer() throws Exception {
        byte[] ceiling = jpeg("ceiling");
        Path camera = Files.write(directory.toPath().resolve("IMG_0001.jpg"), ceiling);

        PhotoRef first = device().attachPhoto(draft, "photos", camera);
        Files.delete(camera);
        PhotoRef second = device().attachPhoto(draft, "photos", new ByteArrayInputStream(jpeg("phone")));
        PhotoRef signature = device().attachPhoto(draft, "resident_signature", new ByteArrayInputStream(png("签名")));
        PhotoRef resigned = device().attachPhoto(draft, "resident_signature", new ByteArrayInputStream(png("再签")));

        assertThat(first.sha256()).isEqualTo(sha256(ceiling));
        assertThat(Files.readAllBytes(device().photoFile(first))).isEqualTo(ceiling);
        LocalVisit visit = device().visit(draft);
        assertThat(visit.visit().answers()).containsEntry("photos", new AnswerValue.Photos(Arrays.asList(first,
                second))).containsEntry("resident_signature", new AnswerValue.Signature(resigned));
        assertThat(visit.photos()).extracting(LocalPhoto::ref).containsExactlyInAnyOrder(first, second, signature,
                resigned);
        assertThat(visit.photos()).extracting(LocalPhoto::state).containsOnly(PhotoUploadState.PENDING);
        assertThat(device().photos(draft).get(0).contentType()).isEqualTo("image/jpeg");
        assertThat(device().photos(draft).get(0).size()).isEqualTo(ceiling.length);
    }

    @Test
    void bytesThatAreNotAnImageAndQuestionsWithoutPhotosAreRefusedLeavingNothing() throws Exception {
        assertThatThrownBy(() -> device().attachPhoto(draft, "photos",
                new ByteArrayInputStream("%PDF-1.7 not a photo".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JPEG");
        assertThatThrownBy(() -> device().attachPhoto(draft, "alarm_serial", new ByteArrayInputStream(jpeg("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PHOTO");

        assertThat(device().photos(draft)).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void photosTheAnswerNoLongerHoldsAreForgottenAtSubmitAndADiscardedDraftTakesItsPhotos() throws Exception {
        PhotoRef kept = device().attachPhoto(draft, "photos", new ByteArrayInputStream(jpeg("kept")));
        PhotoRef dropped = device().attachPhoto(draft, "photos", new ByteArrayInputStream(jpeg("dropped")));
        Notices.householdAnswers("张桂兰", "JTY-GD-2024-0137").forEach((question, answer) -> {
            if (!question.equals("photos")) {
                device().answer(draft, question, answer);
            }
        });
        PhotoRef other = device().attachPhoto(draft, "photos", new ByteArrayInputStream(jpeg("other")));
        device().answer(draft, "photos", new AnswerValue.Photos(Arrays.asList(kept, other)));

        device().submit(draft, Notices.QIANCUN);

        assertThat(device().photos(draft)).extracting(LocalPhoto::ref).doesNotContain(dropped).contains(kept, other);
        assertThat(device().photoFile(dropped)).isNull();
        assertThat(device().visit(draft).state()).isEqualTo(SyncState.PENDING);

        VisitId second = device().startVisit(Notices.household(2).id(), Notices.SMOKE_ALARM);
        PhotoRef abandoned = device().attachPhoto(second, "photos", new ByteArrayInputStream(jpeg("abandoned")));
        device().discardDraft(second);
        assertThat(device().photoFile(abandoned)).isNull();
        assertThat(device().photoFile(kept)).isNotNull();
    }

    private List<Path> files() throws IOException {
        Path photos = devices.photoDirectory();
        if (!Files.exists(photos)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(photos)) {
            return files.toList();
        }
    }

    /** Enough of a JPEG for the device, which only reads the first bytes. */
    private static byte[] jpeg(String label) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        byte[] jpeg = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F',
                'I', 'F', 0, 1}, 12 + text.length);
        System.arraycopy(text, 0, jpeg, 12, text.length);
        return jpeg;
    }

    private static byte[] png(String label) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13},
                12 + text.length);
        System.arraycopy(text, 0, png, 12, text.length);
        return png;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
