package org.fieldledger.model.catalog;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fieldledger.model.internal.Checks;

/**
 * One livelihood project (实事项目) of a plan.
 *
 * @param category the heading the notice groups it under, or null where the notice has none
 * @param summary a separate overview (内容概述) where the notice has one, else null
 * @param deadline when the target must be met, or null where the notice sets no time frame
 */
public record Project(ProjectId id, PlanId planId, int number, String category, String name, String summary,
                      String content, List<Target> targets, List<Unit> leadUnits, List<Unit> cooperatingUnits,
                      List<Area> areas, LocalDate deadline) {
    public Project {
        Objects.requireNonNull(id, "project id");
        Objects.requireNonNull(planId, "plan id");
        if (!id.equals(ProjectId.of(planId, number))) {
            throw new IllegalArgumentException("project id " + id + " does not match plan " + planId
                    + " and number " + number);
        }
        category = Checks.optionalText(category);
        Checks.nonBlank(name, "project name");
        summary = Checks.optionalText(summary);
        Checks.nonBlank(content, "project content");
        targets = Checks.immutableList(targets, "targets");
        leadUnits = Checks.immutableList(leadUnits, "lead units");
        cooperatingUnits = Checks.immutableList(cooperatingUnits, "cooperating units");
        areas = Checks.immutableList(areas, "areas");
        Set<String> metrics = new HashSet<>();
        for (Target target : targets) {
            if (!metrics.add(target.metric())) {
                throw new IllegalArgumentException("project " + id + " has two targets named '" + target.metric() + "'");
            }
        }
    }

    /** The target with this metric, or null. */
    public Target target(String metric) {
        for (Target target : targets) {
            if (target.metric().equals(metric)) {
                return target;
            }
        }
        return null;
    }
}
