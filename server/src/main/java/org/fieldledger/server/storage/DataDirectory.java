package org.fieldledger.server.storage;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the folder of an SQLite database file before the pool opens it: sqlite-jdbc creates the file but not its
 * folder, and the first start on a fresh machine must not need a mkdir by hand. Also tells each SQLite connection
 * never to checkpoint in its commits ({@link WalCheckpoints} does): sqlite-jdbc ignores a wal_autocheckpoint given
 * with the other pragmas in application.yml.
 */
@Singleton
final class DataDirectory implements BeanCreatedEventListener<DatasourceConfiguration> {
    static final String SQLITE_PREFIX = "jdbc:sqlite:";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        Path file = sqliteFile(configuration.getUrl());
        if (file != null) {
            Path parent = file.toAbsolutePath().getParent();
            configuration.setConnectionInitSql("PRAGMA wal_autocheckpoint = 0");
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + parent, e);
            }
        }
        return configuration;
    }

    /** The database file a JDBC URL names, or null if it names none: not SQLite, or SQLite in memory. */
    private static Path sqliteFile(String url) {
        if (url == null || !url.startsWith(SQLITE_PREFIX) || url.contains(":memory:")) {
            return null;
        }
        String file = url.substring(SQLITE_PREFIX.length());
        int options = file.indexOf('?');
        return Path.of(options < 0 ? file : file.substring(0, options));
    }
}
