package org.fieldledger.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.FieldDeviceConfig;
import org.fieldledger.client.store.JdbcSqlDatabase;

/**
 * The directory that is this desktop device: {@code device.db} (client-core's own SQLite database: device id, outbox,
 * everything pulled), {@code photos/} (attached photos until the server holds them) and {@code field.properties} (the
 * server's address, set by the first login). One directory is one device of one user on one server.
 */
final class Home implements AutoCloseable {
    static final String DATABASE = "device.db";
    static final String PHOTOS = "photos";
    static final String SETTINGS = "field.properties";
    private static final String SERVER = "server";

    private final Path dir;
    private JdbcSqlDatabase database;
    private FieldDevice device;

    Home(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /** The server this device syncs with, or null before the first login. */
    String server() {
        Path file = dir.resolve(SETTINGS);
        if (!Files.exists(file)) {
            return null;
        }
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            settings.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings.getProperty(SERVER);
    }

    void saveServer(String url) {
        Properties settings = new Properties();
        settings.setProperty(SERVER, url);
        try (Writer writer = Files.newBufferedWriter(dir.resolve(SETTINGS), StandardCharsets.UTF_8)) {
            settings.store(writer, "field: the server this device syncs with");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device, for a command that needs a first login behind it. Works offline. */
    FieldDevice device() {
        String server = server();
        if (server == null) {
            throw new CliFailure(ExitCode.USAGE, "there is no device in " + dir
                    + " yet: run `field login SERVER_URL --user NAME` first (or choose another --home)");
        }
        return device(server);
    }

    /** The device, opened (and created on first use) for {@code server}. */
    FieldDevice device(String server) {
        if (device == null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new CliFailure(ExitCode.USAGE, "cannot create the device directory " + dir + ": " + e);
            }
            database = JdbcSqlDatabase.openSqlite(dir.resolve(DATABASE).toFile());
            device = FieldDevice.open(FieldDeviceConfig.builder(database, server).photoDirectory(dir.resolve(PHOTOS))
                    .build());
        }
        return device;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
