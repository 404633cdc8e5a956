package org.fieldledger.server.blob;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * Blobs as files {@code <dir>/ab/cd/<sha256>}: two levels of fan-out keep any one folder small. A blob appears by an
 * atomic rename from a temporary file in the same folder, so a reader (on this instance or another one sharing the
 * mount) sees the whole file or none of it, never a half-written one.
 */
@Singleton
@Secondary
public class DirectoryBlobStore implements BlobStore {
    private final Path root;

    @Inject
    DirectoryBlobStore(@Value("${fieldledger.photos.blob-dir:}") String blobDir,
                       @Value("${fieldledger.data-dir:data}") String dataDir) {
        this(blobDir.isBlank() ? Path.of(dataDir, "blobs") : Path.of(blobDir));
    }

    public DirectoryBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public OptionalLong size(String sha256) throws IOException {
        try {
            return OptionalLong.of(Files.size(file(sha256)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void put(String sha256, Path source) throws IOException {
        Path target = file(sha256);
        if (Files.exists(target)) {
            Files.deleteIfExists(source);
            return;
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempFile(target.getParent(), sha256, ".tmp");
        try {
            Files.move(source, staging, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another instance stored the same photo first: the bytes are the same, keep theirs
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the blob directory " + root + " does not support atomic renames", e);
            }
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    @Override
    public InputStream open(String sha256, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(file(sha256), StandardOpenOption.READ);
        channel.position(offset);
        return Channels.newInputStream(channel);
    }

    private Path file(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
