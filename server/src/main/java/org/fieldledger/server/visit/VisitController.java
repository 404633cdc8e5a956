package org.fieldledger.server.visit;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import java.time.Clock;
import java.time.Instant;
import org.fieldledger.model.Role;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.model.sync.WireFormatException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Hashes;
import org.fieldledger.server.sync.MutationContext;
import org.fieldledger.server.sync.Rejection;
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

/**
 * Submitted visits, in the same shape the sync feed serves them. Devices submit through sync; this endpoint is for
 * clients that are always online (a town office's browser, a script), with the same rules and direct 4xx answers.
 */
@Controller("/api/v1/visits")
class VisitController {
    private static final String WEB_DEVICE = "web";

    private final VisitRepository visits;
    private final VisitRecorder recorder;
    private final Database database;
    private final HlcClock serverClock;
    private final Clock clock;

    VisitController(VisitRepository visits, VisitRecorder recorder, Database database, HlcClock serverClock,
                    Clock clock) {
        this.visits = visits;
        this.recorder = recorder;
        this.database = database;
        this.serverClock = serverClock;
        this.clock = clock;
    }

    /** A SUBMIT_VISIT payload (docs/protocol.md); 201 with the stored visit, or 4xx naming every problem. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> submit(Caller caller, @Body String body) {
        caller.requireRole(Role.INSPECTOR, Role.TOWN_OFFICE, Role.SUPERVISOR);
        VisitSubmission submission;
        String canonical;
        try {
            submission = (VisitSubmission) WireJson.readPayload(MutationType.SUBMIT_VISIT, body);
            canonical = WireJson.writePayload(MutationType.SUBMIT_VISIT, submission);
        } catch (WireFormatException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
        MutationContext context = new MutationContext(caller, caller.deviceId() == null ? WEB_DEVICE
                : caller.deviceId(), null, serverClock.now(), Instant.now(clock));
        try {
            database.write(connection -> {
                recorder.requireVisible(connection, caller, submission);
                return recorder.apply(connection, context, submission, Hashes.sha256(canonical));
            });
        } catch (Rejection rejection) {
            throw rejection.toApiException();
        }
        return RawJson.created(WireJson.writeChangeData(visits.find(submission.id()).orElseThrow().state()));
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> get(Caller caller, @PathVariable String id) {
        VisitId visitId;
        try {
            visitId = new VisitId(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'id': " + e.getMessage());
        }
        VisitRepository.StoredVisit stored = visits.find(visitId).orElseThrow(() -> ApiException.notFound("Visit " + id));
        caller.requireArea(stored.area(), "Visit " + id);
        return RawJson.ok(WireJson.writeChangeData(stored.state()));
    }
}
