package org.fieldledger.model.catalog;

import java.time.LocalDate;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;

/**
 * One published notice: who issued it, for which year, under which document number.
 *
 * @param issuedOn the date printed on the notice, or null where the published text carries none
 * @param source the file the plan was transcribed from, so a supervisor can hold one against the other
 */
public record Plan(PlanId id, String issuer, int year, String documentNumber, LocalDate issuedOn, String title,
                   String source) {
    public Plan {
        Objects.requireNonNull(id, "plan id");
        Checks.nonBlank(issuer, "issuer");
        Checks.nonBlank(documentNumber, "document number");
        Checks.nonBlank(title, "title");
        if (year < 2000 || year > 2100) {
            throw new IllegalArgumentException("plan year " + year + " is outside 2000..2100");
        }
        if (issuedOn != null && Math.abs(issuedOn.getYear() - year) > 1) {
            throw new IllegalArgumentException("plan dated " + issuedOn + " cannot be the plan for " + year);
        }
        source = Checks.optionalText(source);
    }
}
