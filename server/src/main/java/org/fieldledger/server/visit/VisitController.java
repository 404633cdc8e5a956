package org.fieldledger.server.visit;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.fieldledger.model.Role;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.server.sync.DirectSubmissions;
import org.fieldledger.server.web.RawJson;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.evidence.PhotoEvidence;
import org.fieldledger.server.storage.Database;

/**
 * Submitted visits, in the same shape the sync feed serves them. Devices submit through sync; this endpoint is for
 * clients that are always online (a town office's browser, a script), with the same rules and direct 4xx answers.
 */
@Controller("/api/v1/visits")
class VisitController {
    private final VisitRepository visits;
    private final VisitRecorder recorder;
    private final DirectSubmissions direct;
    private final PhotoEvidence evidence;
    private final Database database;

    VisitController(VisitRepository visits, VisitRecorder recorder, DirectSubmissions direct, PhotoEvidence evidence,
                    Database database) {
        this.visits = visits;
        this.recorder = recorder;
        this.direct = direct;
        this.evidence = evidence;
        this.database = database;
    }

    /** A SUBMIT_VISIT payload (docs/protocol.md); 201 with the stored visit, or 4xx naming every problem. */
    @Operation(requestBody = @RequestBody(
            description = "A SUBMIT_VISIT payload: docs/protocol.md, Mutation types",
            required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "201",
            description = "The stored visit with its outcome, as devices receive it (docs/protocol.md, Pull)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> submit(Caller caller, @Body String body) {
        caller.requireRole(Role.INSPECTOR, Role.TOWN_OFFICE, Role.SUPERVISOR);
        VisitSubmission submission = direct.submit(caller, MutationType.SUBMIT_VISIT, VisitSubmission.class, body,
                (connection, context, visit, sha256) -> {
                    recorder.requireVisible(connection, caller, visit);
                    return recorder.apply(connection, context, visit, sha256);
                });
        return RawJson.created(WireJson.writeChangeData(visits.find(submission.id()).orElseThrow().state()));
    }

    /**
     * The visit as the sync feed serves it, plus {@code evidence}: its photos (RECEIVED or MISSING) and their flags,
     * for the supervisor. The feed itself carries no evidence, which changes as photos arrive.
     */
    @ApiResponse(responseCode = "200", description = "The visit with its outcome, as devices receive it"
            + " (docs/protocol.md, Pull), plus its photo evidence (docs/photos.md)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> get(Caller caller, @PathVariable String id) {
        VisitRepository.StoredVisit stored = visible(caller, id);
        String visit = WireJson.writeChangeData(stored.state());
        String photos = evidence.write(database.read(connection -> evidence.evidence(connection,
                stored.state().visit().id())));
        return RawJson.ok(visit.substring(0, visit.lastIndexOf('}')) + ",\"evidence\":" + photos + "}");
    }

    /** Every photo the visit claims, RECEIVED or MISSING, with its flags; {@code complete} once all have arrived. */
    @ApiResponse(responseCode = "200", description = "The visit's photos and their evidence flags (docs/photos.md)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Get(value = "/{id}/photos", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> photos(Caller caller, @PathVariable String id) {
        VisitRepository.StoredVisit stored = visible(caller, id);
        return RawJson.ok(evidence.write(database.read(connection -> evidence.evidence(connection,
                stored.state().visit().id()))));
    }

    private VisitRepository.StoredVisit visible(Caller caller, String id) {
        VisitId visitId;
        try {
            visitId = new VisitId(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'id': " + e.getMessage());
        }
        VisitRepository.StoredVisit stored = visits.find(visitId).orElseThrow(() -> ApiException.notFound("Visit " + id));
        caller.requireArea(stored.area(), "Visit " + id);
        return stored;
    }
}
