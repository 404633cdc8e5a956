package org.fieldledger.model.sync;

import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.visit.Assignment;

/** The kinds of record the pull feed carries, and the type of each change's data. */
public enum ChangeKind {
    TEMPLATE(TemplateState.class),
    SITE(SiteState.class),
    VISIT(VisitState.class),
    COMPLETION(CompletionState.class),
    CORRECTIVE_ACTION(CorrectiveAction.class),
    ASSIGNMENT(Assignment.class);

    private final Class<?> dataType;

    ChangeKind(Class<?> dataType) {
        this.dataType = dataType;
    }

    public Class<?> dataType() {
        return dataType;
    }
}
