package org.fieldledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * field is the proof that client-core's public API is enough for a device: it may use client-core's public packages
 * and shared-model, never client-core's internals, the server's classes, or SQL of its own.
 */
class PublicApiOnlyTest {
    private static final Path SOURCES = ServerProcess.REPO.resolve("field-cli/src/main/java");

    @Test
    void sourcesUseNoInternalsNoServerClassesAndNoSql() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String source = Files.readString(file);
            assertThat(source).as(file.toString()).doesNotContain("org.fieldledger.client.internal",
                    "org.fieldledger.server", "java.sql", "SELECT ", "INSERT ", "UPDATE ");
        }
    }
}
