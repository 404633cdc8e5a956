package org.fieldledger.server.visit;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;

/** Submitted visits for the console, in the same shape the sync feed serves them. */
@Controller("/api/v1/visits")
class VisitController {
    private final VisitRepository visits;

    VisitController(VisitRepository visits) {
        this.visits = visits;
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
        return HttpResponse.ok(WireJson.writeChangeData(stored.state())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
