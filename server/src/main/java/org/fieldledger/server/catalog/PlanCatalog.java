package org.fieldledger.server.catalog;

import java.util.List;
import org.fieldledger.model.catalog.Plan;
import org.fieldledger.model.catalog.Project;

/**
 * One notice read from its catalog file: the plan, all its projects, and the hash of the file, which makes loading an
 * unchanged file a no-op.
 */
public record PlanCatalog(Plan plan, List<Project> projects, String contentSha256) {
    public PlanCatalog {
        projects = List.copyOf(projects);
    }
}
