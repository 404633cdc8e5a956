package org.fieldledger.server.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.fieldledger.model.catalog.TargetComparator;

/** A catalog file as written (fieldledger-catalog/1, see docs/catalog.md): one notice, every field spelled out. */
record CatalogDocument(String format, PlanDocument plan, List<ProjectDocument> projects) {
    static final String FORMAT = "fieldledger-catalog/1";

    record PlanDocument(String id, String issuer, int year, String documentNumber, LocalDate issuedOn, String title,
                        String source) {
    }

    record ProjectDocument(int number, String category, String name, String summary, String content,
                           List<TargetDocument> targets, List<String> leadUnits, List<String> cooperatingUnits,
                           List<String> areas, LocalDate deadline) {
    }

    record TargetDocument(String metric, TargetComparator comparator, BigDecimal value, String unit, String text) {
    }
}
