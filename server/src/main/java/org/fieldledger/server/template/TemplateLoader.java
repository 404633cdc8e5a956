package org.fieldledger.server.template;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.server.catalog.CatalogLoadException;
import org.fieldledger.server.document.DocumentException;
import org.fieldledger.server.document.DocumentSource;
import org.fieldledger.model.sync.TemplateState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.storage.Sql;

/** Publishes template files inside the catalog load's transaction. */
@Singleton
public class TemplateLoader {
    private final TemplateRepository repository;
    private final Ledger ledger;

    TemplateLoader(TemplateRepository repository, Ledger ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    /** A template file and what it says. */
    public record TemplateFile(DocumentSource source, PublishedTemplate published) {
    }

    /**
     * Publishes the versions not yet published. A version already published with other content is refused: devices
     * may hold visits answered against it, so its questions can never change under them.
     *
     * @return how many versions were written
     */
    public int publish(Connection connection, List<TemplateFile> files) throws SQLException {
        List<DocumentException> problems = new ArrayList<>();
        List<TemplateFile> fresh = new ArrayList<>();
        for (TemplateFile file : files) {
            TemplateRef ref = file.published().template().ref();
            Optional<String> hash = repository.publishedHash(connection, ref);
            if (hash.isPresent()) {
                if (!hash.get().equals(file.published().contentSha256())) {
                    problems.add(new DocumentException(file.source().name(), file.source().lineOf("version"), "version", ref
                            + " is already published with different questions; publish the change as version "
                            + (ref.version() + 1)));
                }
                continue;
            }
            List<ProjectId> projects = file.published().template().projects();
            for (int i = 0; i < projects.size(); i++) {
                if (Sql.queryOne(connection, "SELECT 1 FROM project WHERE id = ?", row -> 1,
                        projects.get(i).value()).isEmpty()) {
                    String path = "projects[" + i + "]";
                    problems.add(new DocumentException(file.source().name(), file.source().lineOf(path), path,
                            "no project " + projects.get(i) + " in the catalog"));
                }
            }
            fresh.add(file);
        }
        if (!problems.isEmpty()) {
            throw new CatalogLoadException(problems);
        }
        for (TemplateFile file : fresh) {
            repository.insert(connection, file.published(), file.source().content());
            // Devices learn of new checklists from the sync feed, which is read from the ledger.
            ledger.append(connection, new LedgerRecord("TEMPLATE", file.published().template().ref().toString(),
                    "PUBLISHED", null, LedgerRecord.SYSTEM, null, null,
                    WireJson.writeChangeData(new TemplateState(file.published().template(), false))));
        }
        return fresh.size();
    }
}
