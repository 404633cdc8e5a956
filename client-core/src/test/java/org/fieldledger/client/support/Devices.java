package org.fieldledger.client.support;

import java.io.File;
import java.time.Instant;
import java.util.Random;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.FieldDeviceConfig;
import org.fieldledger.client.store.JdbcSqlDatabase;

/**
 * A device on a real SQLite file. {@link #crash()} drops the connection without any shutdown step, as a killed app
 * would, and {@link #reopen()} opens the same file again.
 */
public final class Devices implements AutoCloseable {
    public static final String DEVICE_ID = "tablet-7f3a9c21";

    private final File file;
    private final String serverUrl;
    private final TestClock clock;
    private JdbcSqlDatabase database;
    private FieldDevice device;

    public Devices(File directory, String serverUrl) {
        this.file = new File(directory, "field-ledger.db");
        this.serverUrl = serverUrl;
        this.clock = new TestClock(Instant.parse("2026-11-23T08:30:00Z"));
        reopen();
    }

    public FieldDevice device() {
        return device;
    }

    public TestClock clock() {
        return clock;
    }

    public File file() {
        return file;
    }

    /** Where the device keeps attached photos: beside its database. */
    public java.nio.file.Path photoDirectory() {
        return file.toPath().resolveSibling("photos");
    }

    public JdbcSqlDatabase database() {
        return database;
    }

    public FieldDevice reopen() {
        database = JdbcSqlDatabase.openSqlite(file);
        device = FieldDevice.open(FieldDeviceConfig.builder(database, serverUrl).clock(clock).deviceId(DEVICE_ID)
                .random(new Random(7)).photoDirectory(photoDirectory()).build());
        return device;
    }

    /** The app is killed: the connection goes, nothing else runs. */
    public FieldDevice crashAndReopen() {
        database.close();
        return reopen();
    }

    @Override
    public void close() {
        database.close();
    }
}
