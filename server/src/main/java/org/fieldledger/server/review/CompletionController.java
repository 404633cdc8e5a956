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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.Role;
import org.fieldledger.model.sync.CompletionSubmission;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.sync.DirectSubmissions;
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
    private final DirectSubmissions direct;

    CompletionController(CompletionService service, CompletionRepository completions, Database database,
                         DirectSubmissions direct) {
        this.service = service;
        this.completions = completions;
        this.database = database;
        this.direct = direct;
    }

    /**
     * A SUBMIT_COMPLETION payload from the console (docs/protocol.md): 201 with the claim, or 4xx naming the problem.
     * Town offices in the field submit the same claim through sync.
     */
    @Operation(requestBody = @RequestBody(
            description = "A SUBMIT_COMPLETION payload: docs/protocol.md, Mutation types",
            required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "201", description = "The claim, as devices receive it (docs/protocol.md, Pull)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> submit(Caller caller, @Body String body) {
        caller.requireRole(Role.TOWN_OFFICE, Role.ADMIN);
        CompletionSubmission claim = direct.submit(caller, MutationType.SUBMIT_COMPLETION, CompletionSubmission.class,
                body, (connection, context, submission, sha256) -> {
                    service.requireVisible(connection, caller, submission);
                    return service.submit(connection, context, submission, sha256);
                });
        return RawJson.created(WireJson.writeChangeData(database.read(connection ->
                completions.find(connection, claim.id())).orElseThrow().state()));
    }

    /** A supervisor's note on a verification, or the reason for a rejection. */
    record Decision(@Nullable String note, @Nullable String reason) {
    }

    @ApiResponse(responseCode = "200",
            description = "{items, count} of claims, each as devices receive it (docs/protocol.md, Pull)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
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

    @ApiResponse(responseCode = "200", description = "The claim, as devices receive it (docs/protocol.md, Pull)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> get(Caller caller, @PathVariable String id) {
        CompletionRepository.StoredCompletion stored = database.read(connection ->
                completions.find(connection, completionId(id))).orElseThrow(() -> ApiException.notFound("Completion " + id));
        caller.requireArea(stored.area(), "Completion " + id);
        return RawJson.ok(WireJson.writeChangeData(stored.state()));
    }

    @ApiResponse(responseCode = "200", description = "The verified, now locked claim (docs/protocol.md, Decisions)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Post(value = "/{id}/verify", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> verify(Caller caller, @PathVariable String id, @Nullable @Body Decision decision) {
        return RawJson.ok(WireJson.writeChangeData(service.decide(caller, completionId(id), true,
                decision == null ? null : decision.note())));
    }

    @ApiResponse(responseCode = "200",
            description = "The rejected claim with the reason (docs/protocol.md, Decisions)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
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
