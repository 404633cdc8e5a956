package org.fieldledger.server.catalog;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldledger.server.document.DocumentException;
import org.fieldledger.server.document.DocumentFiles;
import org.fieldledger.server.document.DocumentSource;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.template.PublishedTemplate;
import org.fieldledger.server.template.TemplateReader;
import org.fieldledger.server.template.TemplateLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the notices and checklists at start: the ones shipped in the jar, then any in the extra directory
 * ({@code catalog/} and {@code templates/} beneath it).
 *
 * <p>All files are read and checked before anything is written, and everything is written in one transaction: a broken
 * file stops the start with its file, line and problem, and leaves the database exactly as it was. A file whose
 * content has not changed since it was last loaded is skipped, so loading is idempotent.
 */
@Singleton
public class CatalogLoader implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);

    private final Database database;
    private final CatalogRepository catalog;
    private final TemplateLoader templates;
    private final Ledger ledger;
    private final Optional<Path> extraDir;

    CatalogLoader(Database database, CatalogRepository catalog, TemplateLoader templates, Ledger ledger,
                  @Value("${fieldledger.catalog.extra-dir:}") String extraDir) {
        this.database = database;
        this.catalog = catalog;
        this.templates = templates;
        this.ledger = ledger;
        this.extraDir = extraDir.isBlank() ? Optional.empty() : Optional.of(Path.of(extraDir));
    }

    /** What a load changed. */
    public record Report(int plansWritten, int plansUnchanged, int templatesWritten, int templatesUnchanged) {
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<DocumentSource> catalogFiles = new ArrayList<>(DocumentFiles.onClasspath("catalog"));
        List<DocumentSource> templateFiles = new ArrayList<>(DocumentFiles.onClasspath("templates"));
        extraDir.ifPresent(dir -> {
            catalogFiles.addAll(DocumentFiles.inDirectory(dir.resolve("catalog"), dir.resolve("catalog") + "/"));
            templateFiles.addAll(DocumentFiles.inDirectory(dir.resolve("templates"), dir.resolve("templates") + "/"));
        });
        Report report = load(catalogFiles, templateFiles);
        LOG.info("Catalog: {} plans loaded, {} unchanged; templates: {} loaded, {} unchanged",
                report.plansWritten(), report.plansUnchanged(), report.templatesWritten(), report.templatesUnchanged());
    }

    /** What the ledger keeps of a loaded notice: which file, by its hash, and how many projects it brought. */
    private static String planSummary(PlanCatalog plan) {
        com.google.gson.JsonObject summary = new com.google.gson.JsonObject();
        summary.addProperty("planId", plan.plan().id().value());
        summary.addProperty("documentNumber", plan.plan().documentNumber());
        summary.addProperty("source", plan.plan().source());
        summary.addProperty("contentSha256", plan.contentSha256());
        summary.addProperty("projects", plan.projects().size());
        return summary.toString();
    }

    /**
     * Checks every file, then writes them all or nothing.
     *
     * @throws CatalogLoadException naming every broken file, when any is
     */
    public Report load(List<DocumentSource> catalogFiles, List<DocumentSource> templateFiles) {
        List<DocumentException> problems = new ArrayList<>();
        List<PlanCatalog> plans = new ArrayList<>();
        for (DocumentSource file : catalogFiles) {
            try {
                plans.add(CatalogReader.read(file));
            } catch (DocumentException e) {
                problems.add(e);
            }
        }
        List<TemplateLoader.TemplateFile> checklists = new ArrayList<>();
        for (DocumentSource file : templateFiles) {
            try {
                checklists.add(new TemplateLoader.TemplateFile(file, TemplateReader.read(file)));
            } catch (DocumentException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogLoadException(problems);
        }
        return database.write(connection -> {
            int plansWritten = 0;
            for (PlanCatalog plan : plans) {
                if (!plan.contentSha256().equals(catalog.loadedHash(connection, plan.plan().id()).orElse(null))) {
                    catalog.save(connection, plan);
                    ledger.append(connection, new LedgerRecord("PLAN", plan.plan().id().value(), "LOADED", null,
                            LedgerRecord.SYSTEM, null, null, planSummary(plan)));
                    plansWritten++;
                }
            }
            int templatesWritten = templates.publish(connection, checklists);
            return new Report(plansWritten, plans.size() - plansWritten, templatesWritten,
                    checklists.size() - templatesWritten);
        });
    }
}
