package org.fieldledger.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.catalog.Project;
import org.fieldledger.model.catalog.Unit;
import org.fieldledger.server.document.DocumentFiles;
import org.fieldledger.server.document.DocumentSource;
import org.junit.jupiter.api.Test;

/** The transcriptions of the five notices, checked against facts a supervisor would check first. */
class ShippedCatalogTest {
    private final Map<String, PlanCatalog> plans = new HashMap<>();

    ShippedCatalogTest() {
        for (DocumentSource source : DocumentFiles.onClasspath("catalog")) {
            PlanCatalog plan = CatalogReader.read(source);
            plans.put(plan.plan().id().value(), plan);
        }
    }

    @Test
    void everyNoticeIsTranscribedWithAllItsProjectsNumberedInOrder() {
        assertThat(plans).containsOnlyKeys("jingkai-2025", "gaoxin-2024", "gaoxin-2026", "jingkai-2023", "jining-2024");
        Map<String, Integer> expected = Map.of("jingkai-2025", 26, "gaoxin-2024", 27, "gaoxin-2026", 24,
                "jingkai-2023", 22, "jining-2024", 30);
        expected.forEach((plan, count) -> assertThat(plans.get(plan).projects()).extracting(Project::number)
                .as(plan).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, count).boxed().toList()));
    }

    @Test
    void noUnitOrAreaNameIsLeftWrappedOrMisspelled() {
        for (PlanCatalog plan : plans.values()) {
            for (Project project : plan.projects()) {
                List<Unit> units = new java.util.ArrayList<>(project.leadUnits());
                units.addAll(project.cooperatingUnits());
                units.forEach(unit -> assertThat(unit.name()).as(project.id() + " unit").doesNotContain(" ", "\n"));
                assertThat(project.content()).as(project.id() + " content").doesNotContain("\n");
                assertThat(project.toString()).as(project.id().value()).doesNotContain("瞳里镇");
            }
        }
    }

    @Test
    void theFieldChecksThatComeFirstHaveTheirTargets() {
        assertThat(target("gaoxin-2024", 2, "户")).isEqualByComparingTo("129");
        assertThat(target("jingkai-2025", 24, "户")).isEqualByComparingTo("129");
        assertThat(target("jining-2024", 2, "名")).isEqualByComparingTo("8200");
        assertThat(target("gaoxin-2024", 14, "个")).isEqualByComparingTo("6");
        assertThat(target("gaoxin-2026", 1, "批次")).isEqualByComparingTo("300");
        assertThat(target("gaoxin-2026", 1, "家")).isNotNull();
    }

    private java.math.BigDecimal target(String plan, int number, String unit) {
        Project project = plans.get(plan).projects().get(number - 1);
        return project.targets().stream().filter(target -> target.unit().equals(unit)).findFirst()
                .orElseThrow(() -> new AssertionError(project.id() + " has no target in " + unit + ": " + project.targets()))
                .value();
    }
}
