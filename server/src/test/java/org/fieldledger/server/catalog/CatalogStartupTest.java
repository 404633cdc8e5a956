package org.fieldledger.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fieldledger.server.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an admin sees when a notice file they added is broken: the server refuses to start and says where. */
class CatalogStartupTest {
    // Not @TempDir: the pool of the start that fails is not closed by Micronaut, and JUnit's cleanup, which fails the
    // test when it cannot delete everything, would race it.
    private final Path dataDir = TestFiles.newDirectory("fieldledger-test-");
    private final Path extraDir = TestFiles.newDirectory("fieldledger-test-");

    @AfterEach
    void deleteDirectories() {
        TestFiles.delete(dataDir);
        TestFiles.delete(extraDir);
    }

    @Test
    void serverWithABrokenExtraCatalogFileDoesNotStartAndKeepsItsDatabase() throws Exception {
        Map<String, Object> properties = Map.of("fieldledger.data-dir", dataDir.toString(),
                "micronaut.server.port", -1);
        try (ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties)
                .getApplicationContext()) {
            assertThat(first.getBean(CatalogRepository.class).projects(ProjectFilter.ALL)).hasSize(129);
        }
        Files.createDirectories(extraDir.resolve("catalog"));
        Files.writeString(extraDir.resolve("catalog/weishan-2025.json"), "{\n  \"format\": \"fieldledger-catalog/1\",\n"
                + "  \"plan\": {\n    \"id\": \"weishan-2025\",\n    \"issuer\": \"微山县人民政府\",\n    \"year\": \"2025年\",\n");

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of("fieldledger.data-dir",
                dataDir.toString(), "micronaut.server.port", -1, "fieldledger.catalog.extra-dir", extraDir.toString())))
                .hasStackTraceContaining("catalog/weishan-2025.json:6: plan.year: '2025年' is not a valid number");

        try (ApplicationContext again = ApplicationContext.run(EmbeddedServer.class, properties)
                .getApplicationContext()) {
            assertThat(again.getBean(CatalogRepository.class).plans()).hasSize(5);
            assertThat(again.getBean(CatalogRepository.class).projects(ProjectFilter.ALL)).hasSize(129);
        }
    }
}
