package org.fieldledger.server.template;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.model.sync.TemplateState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/**
 * Withdrawing a checklist version from new use. Devices learn of it on their next pull; visits already recorded
 * against it, offline or not, are still accepted and stay readable.
 */
@Controller("/api/v1/admin/templates")
class TemplateAdminController {
    private final Database database;
    private final TemplateRepository templates;
    private final Ledger ledger;

    TemplateAdminController(Database database, TemplateRepository templates, Ledger ledger) {
        this.database = database;
        this.templates = templates;
        this.ledger = ledger;
    }

    @Post("/{id}/versions/{version}/retire")
    TemplateController.TemplateEntry retire(Caller caller, @PathVariable String id, @PathVariable String version) {
        caller.requireRole(Role.ADMIN);
        TemplateRef ref;
        try {
            ref = new TemplateRef(new TemplateId(id), Integer.parseInt(version));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Template " + id + "@" + version + ": "
                    + e.getMessage());
        }
        TemplateRepository.StoredTemplate stored = templates.find(ref)
                .orElseThrow(() -> ApiException.notFound("Template " + ref));
        if (!stored.retired()) {
            database.write(connection -> {
                Sql.update(connection, "UPDATE checklist_template SET retired = ? WHERE id = ? AND version = ?", true,
                        ref.id().value(), ref.version());
                return ledger.append(connection, new LedgerRecord("TEMPLATE", ref.toString(), "RETIRED", null,
                        caller.userId(), caller.deviceId(), null, WireJson.writeChangeData(
                        new TemplateState(stored.published().template(), true))));
            });
        }
        return new TemplateController.TemplateEntry(TemplateDocument.of(stored.published().template()), true);
    }
}
