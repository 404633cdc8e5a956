package org.fieldledger.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.server.document.DocumentFiles;
import org.fieldledger.server.document.DocumentSource;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Loading notices and checklists: idempotent, all-or-nothing, and precise about what is wrong. */
class CatalogLoaderTest {
    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Backend.POSTGRES);
        }
    }

    abstract static class Contract {
        private static final String[] TABLES = {"plan", "project", "project_target", "project_unit", "project_area", "ledger_entry",
            "area", "checklist_template", "checklist_template_project"};

        private final Backend backend;
        private TestServer server;
        private CatalogLoader loader;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void start() {
            server = TestServer.start(backend);
            loader = server.bean(CatalogLoader.class);
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void loadingTheShippedFilesAgainChangesNothing() {
            List<String> before = snapshot();

            CatalogLoader.Report report = loader.load(DocumentFiles.onClasspath("catalog"),
                    DocumentFiles.onClasspath("templates"));

            assertThat(report).isEqualTo(new CatalogLoader.Report(0, 5, 0, 3));
            assertThat(snapshot()).isEqualTo(before);
        }

        @Test
        void aBrokenFileStopsTheWholeLoadAndNamesFileLineAndField() {
            List<String> before = snapshot();
            DocumentSource edited = edited("catalog/jingkai-2025.json", "提升乡基层卫生服务能力", "提升基层卫生服务能力");
            DocumentSource broken = edited("catalog/gaoxin-2024.json", "\"value\": 129,", "\"value\": -129,");

            CatalogLoadException failure = org.assertj.core.api.Assertions.catchThrowableOfType(CatalogLoadException.class,
                    () -> loader.load(List.of(edited, broken), List.of()));

            assertThat(failure.problems()).hasSize(1);
            org.fieldledger.server.document.DocumentException problem = failure.problems().get(0);
            assertThat(problem.source()).isEqualTo("catalog/gaoxin-2024.json");
            assertThat(problem.line()).as("the line of the broken target").isBetween(lineOf(broken, "-129") - 4,
                    lineOf(broken, "-129"));
            assertThat(problem.field()).isEqualTo("projects[1].targets[0]");
            assertThat(failure).hasMessageContaining("negative value -129");

            assertThat(snapshot()).as("nothing from either file was written").isEqualTo(before);
        }

        @Test
        void aChangedNoticeReplacesItsPlanInPlace() {
            DocumentSource edited = edited("catalog/jingkai-2025.json", "提升乡基层卫生服务能力", "提升基层卫生服务能力");

            CatalogLoader.Report report = loader.load(List.of(edited), List.of());

            assertThat(report.plansWritten()).isEqualTo(1);
            assertThat(server.bean(CatalogRepository.class).project(new org.fieldledger.model.catalog.ProjectId(
                    "jingkai-2025-1")).orElseThrow().name()).isEqualTo("提升基层卫生服务能力");
            assertThat(count("project")).isEqualTo(129);
        }

        @Test
        void aPublishedTemplateVersionCannotChange() {
            List<String> before = snapshot();
            DocumentSource changed = edited("templates/smoke-alarm-installation.v1.json", "\"required\": true",
                    "\"required\": false");

            assertThatThrownBy(() -> loader.load(List.of(), List.of(changed)))
                    .hasMessageContaining("templates/smoke-alarm-installation.v1.json:")
                    .hasMessageContaining("smoke-alarm-installation@1 is already published with different questions")
                    .hasMessageContaining("version 2");
            assertThat(snapshot()).isEqualTo(before);
        }

        @Test
        void aTemplateForAnUnknownProjectIsRefusedAtItsLine() {
            DocumentSource unknown = edited("templates/pocket-park-completion.v1.json",
                    "\"id\": \"pocket-park-completion\"", "\"id\": \"pocket-park-acceptance\"");
            String withBadProject = new String(unknown.content(), StandardCharsets.UTF_8)
                    .replaceFirst("\"gaoxin-2024-14\"", "\"gaoxin-2024-99\"");
            DocumentSource source = DocumentSource.of(unknown.name(), withBadProject);

            assertThatThrownBy(() -> loader.load(List.of(), List.of(source)))
                    .hasMessageContaining("templates/pocket-park-completion.v1.json:" + lineOf(source, "gaoxin-2024-99"))
                    .hasMessageContaining("no project gaoxin-2024-99 in the catalog");
            assertThat(count("checklist_template")).isEqualTo(3);
        }

        private DocumentSource edited(String name, String from, String to) {
            DocumentSource original = DocumentFiles.onClasspath(name.substring(0, name.indexOf('/'))).stream()
                    .filter(source -> source.name().equals(name)).findFirst().orElseThrow();
            String text = new String(original.content(), StandardCharsets.UTF_8);
            assertThat(text).contains(from);
            return DocumentSource.of(name, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
        }

        private static int lineOf(DocumentSource source, String needle) {
            String[] lines = new String(source.content(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(needle)) {
                    return i + 1;
                }
            }
            throw new AssertionError(needle + " not in " + source.name());
        }

        private int count(String table) {
            return server.bean(Database.class).read(connection -> Sql.queryOne(connection,
                    "SELECT COUNT(*) FROM " + table, row -> row.getInt(1))).orElseThrow();
        }

        /** Every row of every catalog table, in a stable order. */
        private List<String> snapshot() {
            return server.bean(Database.class).read(connection -> {
                List<String> rows = new ArrayList<>();
                for (String table : TABLES) {
                    rows.addAll(Sql.query(connection, "SELECT * FROM " + table, row -> {
                        StringBuilder line = new StringBuilder(table);
                        for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                            line.append('|').append(row.getString(c));
                        }
                        return line.toString();
                    }));
                }
                rows.sort(null);
                return rows;
            });
        }
    }
}
