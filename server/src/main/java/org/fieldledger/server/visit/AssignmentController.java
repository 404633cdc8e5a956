package org.fieldledger.server.visit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.Assignment;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.web.RawJson;

/**
 * Assignments for town offices to give and for the console to list, in the shape the pull feed carries them
 * (devices receive them as {@code ASSIGNMENT} changes).
 */
@Controller("/api/v1/assignments")
class AssignmentController {
    private final Assignments assignments;

    AssignmentController(Assignments assignments) {
        this.assignments = assignments;
    }

    @ApiResponse(responseCode = "201", description = "The assignment, as devices receive it (docs/protocol.md, Pull)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Post(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> create(Caller caller, @Body Assignments.Request request) {
        return RawJson.created(WireJson.writeChangeData(assignments.create(caller, request)));
    }

    @ApiResponse(responseCode = "200",
            description = "{items, count} of assignments, each as devices receive it (docs/protocol.md, Pull)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Get(value = "{?site}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> list(Caller caller, @Nullable @QueryValue String site) {
        List<String> items = new ArrayList<>();
        for (Assignment assignment : assignments.list(caller, site)) {
            items.add(WireJson.writeChangeData(assignment));
        }
        return RawJson.list(items);
    }
}
