package org.fieldledger.client;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.client.transport.Transport;
import org.fieldledger.client.transport.UrlConnectionTransport;

/**
 * How to open a {@link FieldDevice}. Only the database and the server's base URL are required:
 * <pre>{@code
 * FieldDeviceConfig config = FieldDeviceConfig.builder(database, "https://ledger.example.gov.cn").build();
 * }</pre>
 */
public final class FieldDeviceConfig {
    private final SqlDatabase database;
    private final String serverBaseUrl;
    private final Transport transport;
    private final Clock clock;
    private final String deviceId;
    private final Random random;
    private final Path photoDirectory;
    private final PhotoUploadListener photoUploadListener;
    private final int uploadChunkBytes;

    private FieldDeviceConfig(Builder builder) {
        this.photoDirectory = builder.photoDirectory;
        this.photoUploadListener = builder.photoUploadListener;
        this.uploadChunkBytes = builder.uploadChunkBytes;
        this.database = builder.database;
        this.serverBaseUrl = builder.serverBaseUrl;
        this.transport = builder.transport;
        this.clock = builder.clock;
        this.deviceId = builder.deviceId;
        this.random = builder.random;
    }

    /**
     * @param database the device's own database, used by nothing else (see docs/client-core.md for Android)
     * @param serverBaseUrl scheme, host and port of the server, such as {@code https://ledger.example.gov.cn}
     */
    public static Builder builder(SqlDatabase database, String serverBaseUrl) {
        return new Builder(database, serverBaseUrl);
    }

    SqlDatabase database() {
        return database;
    }

    String serverBaseUrl() {
        return serverBaseUrl;
    }

    Transport transport() {
        return transport;
    }

    Clock clock() {
        return clock;
    }

    String deviceId() {
        return deviceId;
    }

    Random random() {
        return random;
    }

    Path photoDirectory() {
        return photoDirectory;
    }

    PhotoUploadListener photoUploadListener() {
        return photoUploadListener;
    }

    int uploadChunkBytes() {
        return uploadChunkBytes;
    }

    public static final class Builder {
        private final SqlDatabase database;
        private final String serverBaseUrl;
        private Transport transport = new UrlConnectionTransport();
        private Clock clock = Clock.systemUTC();
        private String deviceId;
        private Random random = new Random();
        private Path photoDirectory;
        private PhotoUploadListener photoUploadListener = (visit, photo, sent, total) -> { };
        private int uploadChunkBytes = 512 * 1024;

        private Builder(SqlDatabase database, String serverBaseUrl) {
            this.database = Objects.requireNonNull(database, "database");
            this.serverBaseUrl = Objects.requireNonNull(serverBaseUrl, "server base URL");
        }

        /** How HTTP requests are sent; {@link UrlConnectionTransport} by default. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The device's wall clock; the system clock by default. Visit times and HLC stamps are read from it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The device id to register at login (8-64 characters of {@code [A-Za-z0-9._-]}). Used only when the database
         * is new; by default one is generated then, and kept for the life of the database.
         */
        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /** The source of back-off jitter; tests pass a seeded one. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Where attached photos are kept until the server holds them: a folder of the app's own storage
         * ({@code context.getFilesDir()}, not the cache, which Android may clear). Required to attach photos.
         */
        public Builder photoDirectory(Path photoDirectory) {
            this.photoDirectory = Objects.requireNonNull(photoDirectory, "photo directory");
            return this;
        }

        /** Follows each photo upload chunk by chunk; none by default. */
        public Builder photoUploadListener(PhotoUploadListener listener) {
            this.photoUploadListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The size of one upload request (a tus PATCH): 512 KiB by default. Smaller loses less to a dropped
         * connection on a poor network; larger costs fewer round trips on a good one.
         */
        public Builder uploadChunkBytes(int bytes) {
            if (bytes < 1024 || bytes > 8 * 1024 * 1024) {
                throw new IllegalArgumentException("upload chunks are 1 KiB to 8 MiB, not " + bytes + " bytes");
            }
            this.uploadChunkBytes = bytes;
            return this;
        }

        public FieldDeviceConfig build() {
            return new FieldDeviceConfig(this);
        }
    }
}
