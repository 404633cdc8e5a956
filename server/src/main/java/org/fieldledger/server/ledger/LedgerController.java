package org.fieldledger.server.ledger;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.fieldledger.model.Role;
import org.fieldledger.server.auth.Caller;

/** The ledger's integrity, for supervisors and admins. */
@Controller("/api/v1/ledger")
class LedgerController {
    private final LedgerVerifier verifier;

    LedgerController(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    /** Re-checks the whole chain and names the first entry that does not match. */
    @Get("/verify")
    LedgerVerifier.Verification verify(Caller caller) {
        caller.requireRole(Role.SUPERVISOR, Role.ADMIN);
        return verifier.verify();
    }
}
