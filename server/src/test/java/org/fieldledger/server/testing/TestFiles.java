package org.fieldledger.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders that tests create outside JUnit's {@code @TempDir}, for what outlives one test method (a server, a device's
 * files), and remove when done: thousands of test servers had left gigabytes in the machine's temporary folder.
 */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code directory} and everything in it. Best effort: what cannot be deleted (a file a server that failed
     * to start still writes) is left, since a test's outcome must not depend on its cleanup.
     */
    public static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Already gone, or being changed while walked: left for the machine's own cleanup.
        }
    }
}
