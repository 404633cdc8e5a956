package org.fieldledger.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where photo bytes live, named by their SHA-256. Write-once: a blob, once stored, never changes, so any number of
 * server instances may serve it and a repeated upload of the same photo stores nothing new.
 *
 * <p>{@link DirectoryBlobStore} is the default. Several instances share it through one mounted directory (NFS, SMB, a
 * cloud file share); an object store is another implementation of this interface, made a bean that replaces the
 * default (docs/photos.md).
 */
public interface BlobStore {
    /** The blob's size in bytes, or empty when it is not stored. */
    OptionalLong size(String sha256) throws IOException;

    /**
     * Stores {@code file}, whose SHA-256 the caller has verified, as the blob {@code sha256}; the file is consumed
     * (moved or deleted). Storing a blob that is already there keeps the stored one.
     */
    void put(String sha256, Path file) throws IOException;

    /** The blob's bytes from {@code offset} on; the caller closes the stream. */
    InputStream open(String sha256, long offset) throws IOException;
}
