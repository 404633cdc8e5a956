package org.fieldledger.server.template;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.server.document.DocumentSource;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** Published checklist versions. The stored document is the file as published; it is read back by the same reader. */
@Singleton
public class TemplateRepository {
    private final Database database;
    /**
     * Published versions never change (a changed checklist is a new version), so each is read and parsed once: every
     * submitted visit is checked against its version. Only the document is kept, not whether it is retired.
     */
    private final Map<TemplateRef, PublishedTemplate> published = new ConcurrentHashMap<>();

    TemplateRepository(Database database) {
        this.database = database;
    }

    /** A version row: the template and whether it has been retired. */
    public record StoredTemplate(PublishedTemplate published, boolean retired) {
    }

    Optional<String> publishedHash(Connection connection, TemplateRef ref) throws SQLException {
        return Sql.queryOne(connection, "SELECT content_sha256 FROM checklist_template WHERE id = ? AND version = ?",
                row -> row.getString(1), ref.id().value(), ref.version());
    }

    void insert(Connection connection, PublishedTemplate published, byte[] document) throws SQLException {
        TemplateRef ref = published.template().ref();
        Sql.update(connection, "INSERT INTO checklist_template (id, version, title, site_kind, document, content_sha256)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", ref.id().value(), ref.version(), published.template().title(),
                published.template().siteKind(), new String(document, StandardCharsets.UTF_8),
                published.contentSha256());
        for (ProjectId project : published.template().projects()) {
            Sql.update(connection, "INSERT INTO checklist_template_project (template_id, version, project_id)"
                    + " VALUES (?, ?, ?)", ref.id().value(), ref.version(), project.value());
        }
    }

    /** Every version, newest first within each template; retired ones only when asked for. */
    public List<StoredTemplate> all(boolean includeRetired) {
        return database.read(connection -> Sql.query(connection, "SELECT id, version, document, retired"
                + " FROM checklist_template" + (includeRetired ? "" : " WHERE retired = FALSE")
                + " ORDER BY id, version DESC", TemplateRepository::stored));
    }

    public Optional<StoredTemplate> find(TemplateRef ref) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT id, version, document, retired"
                + " FROM checklist_template WHERE id = ? AND version = ?", TemplateRepository::stored,
                ref.id().value(), ref.version()));
    }

    /** A published version, retired or not: what visits recorded against it are checked with. */
    public Optional<PublishedTemplate> published(TemplateRef ref) {
        PublishedTemplate known = published.get(ref);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<PublishedTemplate> found = find(ref).map(StoredTemplate::published);
        found.ifPresent(template -> published.put(ref, template));
        return found;
    }

    /** The newest version that is not retired. */
    public Optional<StoredTemplate> latest(TemplateId id) {
        return database.read(connection -> Sql.query(connection, "SELECT id, version, document, retired"
                + " FROM checklist_template WHERE id = ? AND retired = FALSE ORDER BY version DESC",
                TemplateRepository::stored, id.value())).stream().findFirst();
    }

    private static StoredTemplate stored(ResultSet row) throws SQLException {
        String name = "database template " + row.getString(1) + "@" + row.getInt(2);
        return new StoredTemplate(TemplateReader.read(DocumentSource.of(name, row.getString(3))),
                row.getBoolean(4));
    }
}
