package org.fieldledger.server.upload;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.fieldledger.server.storage.Sql;

/** Uploads in progress: how far each has come, which is what a resuming client asks for. */
@Singleton
class UploadRepository {
    /** @param metadata the Upload-Metadata header as received, or null */
    record Upload(String id, String ownerId, long length, long offset, String sha256, String filename,
                  String metadata, String createdAt) {
        boolean complete() {
            return offset == length;
        }
    }

    void insert(Connection connection, Upload upload) throws SQLException {
        Sql.update(connection, "INSERT INTO upload (id, owner_id, length, upload_offset, sha256, filename, metadata,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", upload.id(), upload.ownerId(), upload.length(),
                upload.offset(), upload.sha256(), upload.filename(), upload.metadata(), upload.createdAt());
    }

    Optional<Upload> find(Connection connection, String id) throws SQLException {
        return Sql.queryOne(connection, "SELECT id, owner_id, length, upload_offset, sha256, filename, metadata,"
                + " created_at FROM upload WHERE id = ?", row -> new Upload(row.getString(1), row.getString(2),
                row.getLong(3), row.getLong(4), row.getString(5), row.getString(6), row.getString(7),
                row.getString(8)), id);
    }

    /** Moves the offset from {@code from} to {@code to}; false when another request moved it first. */
    boolean advance(Connection connection, String id, long from, long to) throws SQLException {
        return Sql.update(connection, "UPDATE upload SET upload_offset = ? WHERE id = ? AND upload_offset = ?", to, id,
                from) == 1;
    }

    /** Ids of uploads created before {@code instant} (ISO-8601, as stored). */
    java.util.List<String> createdBefore(Connection connection, String instant) throws SQLException {
        return Sql.query(connection, "SELECT id FROM upload WHERE created_at < ?", row -> row.getString(1), instant);
    }

    void delete(Connection connection, String id) throws SQLException {
        Sql.update(connection, "DELETE FROM upload WHERE id = ?", id);
    }
}
