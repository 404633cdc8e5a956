package org.fieldledger.model;

/** What a user does. Every read and write is checked against the caller's role and, below SUPERVISOR, areas. */
public enum Role {
    /** Visits sites and records inspections, in their own areas. */
    INSPECTOR,
    /** A town or street office: manages its area's sites and submits completion evidence. */
    TOWN_OFFICE,
    /** The supervision office (督查室): sees every area, verifies or rejects completions, draws spot checks. */
    SUPERVISOR,
    /** Loads plans, users, areas and checklists. */
    ADMIN;

    /** Whether this role sees all areas rather than only the user's own. */
    public boolean seesAllAreas() {
        return this == SUPERVISOR || this == ADMIN;
    }
}
