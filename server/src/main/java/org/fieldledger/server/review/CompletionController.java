package org.fieldledger.server.review;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.web.RawJson;

/**
 * Completion claims for the console: town offices and supervisors list them; supervisors verify or reject them.
 * Claims themselves are submitted through sync (SUBMIT_COMPLETION), which works offline too.
 */
@Controller("/api/v1/completions")
class CompletionController {
    private final CompletionService service;
    private final CompletionRepository completions;
    private final Database database;

    CompletionController(CompletionService service, CompletionRepository completions, Database database) {
        this.service = service;
        this.completions = completions;
        this.database = database;
    }

    /** A supervisor's note on a verification, or the reason for a rejection. */
    record Decision(@Nullable String note, @Nullable String reason) {
    }

    @Get(value = "{?project,status}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> list(Caller caller, @Nullable @QueryValue String project, @Nullable @QueryValue String status) {
        if (status != null) {
            try {
                CompletionStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'status': must be one of SUBMITTED,"
                        + " VERIFIED, REJECTED");
            }
        }
        List<String> items = new ArrayList<>();
        for (CompletionState state : completions.list(caller, project, status)) {
            items.add(WireJson.writeChangeData(state));
        }
        return RawJson.list(items);
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> get(Caller caller, @PathVariable String id) {
        CompletionRepository.StoredCompletion stored = database.read(connection ->
                completions.find(connection, completionId(id))).orElseThrow(() -> ApiException.notFound("Completion " + id));
        caller.requireArea(stored.area(), "Completion " + id);
        return RawJson.ok(WireJson.writeChangeData(stored.state()));
    }

    @Post(value = "/{id}/verify", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> verify(Caller caller, @PathVariable String id, @Nullable @Body Decision decision) {
        return RawJson.ok(WireJson.writeChangeData(service.decide(caller, completionId(id), true,
                decision == null ? null : decision.note())));
    }

    @Post(value = "/{id}/reject", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> reject(Caller caller, @PathVariable String id, @Nullable @Body Decision decision) {
        return RawJson.ok(WireJson.writeChangeData(service.decide(caller, completionId(id), false,
                decision == null ? null : decision.reason())));
    }

    private static CompletionId completionId(String id) {
        try {
            return new CompletionId(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'id': " + e.getMessage());
        }
    }

}
