package org.fieldledger.server.catalog;

import static org.fieldledger.server.document.FieldException.at;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.Plan;
import org.fieldledger.model.catalog.PlanId;
import org.fieldledger.model.catalog.Project;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.catalog.Target;
import org.fieldledger.model.catalog.Unit;
import org.fieldledger.server.document.DocumentReader;
import org.fieldledger.server.document.DocumentSource;
import org.fieldledger.server.document.FieldException;

/** Turns a catalog file into a {@link PlanCatalog}, or a {@link org.fieldledger.server.document.DocumentException}. */
public final class CatalogReader {
    private static final DocumentReader READER = DocumentReader.everyFieldRequired();

    private CatalogReader() {
    }

    public static PlanCatalog read(DocumentSource source) {
        return READER.read(source, CatalogDocument.class, document -> toDomain(document, source.sha256()));
    }

    private static PlanCatalog toDomain(CatalogDocument document, String sha256) {
        if (!CatalogDocument.FORMAT.equals(document.format())) {
            throw new FieldException("format", "must be \"" + CatalogDocument.FORMAT + "\", was " + quoted(document.format()));
        }
        if (document.plan() == null) {
            throw new FieldException("plan", "is required");
        }
        Plan plan = at("plan", () -> toPlan(document.plan()));
        if (document.projects() == null || document.projects().isEmpty()) {
            throw new FieldException("projects", "must list at least one project");
        }
        List<Project> projects = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < document.projects().size(); i++) {
            String path = "projects[" + i + "]";
            CatalogDocument.ProjectDocument project = document.projects().get(i);
            if (project == null) {
                throw new FieldException(path, "must not be null");
            }
            if (!numbers.add(project.number())) {
                throw new FieldException(path + ".number", "project number " + project.number() + " appears twice");
            }
            projects.add(toProject(plan.id(), project, path));
        }
        return new PlanCatalog(plan, projects, sha256);
    }

    private static Plan toPlan(CatalogDocument.PlanDocument plan) {
        return new Plan(new PlanId(plan.id()), plan.issuer(), plan.year(), plan.documentNumber(), plan.issuedOn(),
                plan.title(), plan.source());
    }

    private static Project toProject(PlanId planId, CatalogDocument.ProjectDocument project, String path) {
        List<Target> targets = new ArrayList<>();
        List<CatalogDocument.TargetDocument> targetDocuments = required(project.targets(), path + ".targets");
        for (int t = 0; t < targetDocuments.size(); t++) {
            CatalogDocument.TargetDocument target = targetDocuments.get(t);
            targets.add(at(path + ".targets[" + t + "]", () -> new Target(target.metric(), target.comparator(),
                    target.value(), target.unit(), target.text())));
        }
        List<Unit> lead = names(required(project.leadUnits(), path + ".leadUnits"), path + ".leadUnits", Unit::new);
        List<Unit> cooperating = names(required(project.cooperatingUnits(), path + ".cooperatingUnits"),
                path + ".cooperatingUnits", Unit::new);
        List<Area> areas = names(required(project.areas(), path + ".areas"), path + ".areas", Area::new);
        return at(path, () -> new Project(ProjectId.of(planId, project.number()), planId, project.number(),
                project.category(), project.name(), project.summary(), project.content(), targets, lead, cooperating,
                areas, project.deadline()));
    }

    private static <T> List<T> names(List<String> names, String path, java.util.function.Function<String, T> make) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            values.add(at(path + "[" + i + "]", () -> make.apply(name)));
        }
        return values;
    }

    private static <T> List<T> required(List<T> list, String path) {
        if (list == null) {
            throw new FieldException(path, "must be a list ([] when the notice names none)");
        }
        return list;
    }

    private static String quoted(String text) {
        return text == null ? "missing" : "\"" + text + "\"";
    }
}
