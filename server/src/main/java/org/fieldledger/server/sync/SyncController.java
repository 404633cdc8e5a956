package org.fieldledger.server.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.WireFormatException;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.web.RawJson;

/**
 * The sync endpoints. Bodies are read and written by shared-model's {@link WireJson}, the same codec the device
 * uses, so both sides agree on the wire format by construction.
 */
@Controller("/api/v1/sync")
@ExecuteOn(TaskExecutors.BLOCKING)
class SyncController {
    private final PushService push;
    private final PullService pull;

    SyncController(PushService push, PullService pull) {
        this.push = push;
        this.pull = pull;
    }

    @Operation(requestBody = @RequestBody(
            description = "A batch of device mutations in the sync wire format: docs/protocol.md, Push",
            required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "200",
            description = "One result per mutation, in the batch's order: docs/protocol.md, Push, Response",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Post(value = "/push", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> push(Caller caller, @Body String body) {
        PushRequest request;
        try {
            request = push.read(body);
        } catch (WireFormatException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
        return RawJson.ok(WireJson.writePushResponse(push.push(caller, request)));
    }

    @ApiResponse(responseCode = "200",
            description = "A page of changes and the cursor to continue from: docs/protocol.md, Pull",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @Get(value = "/pull{?cursor,limit,area}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> pull(Caller caller, @Nullable @QueryValue String cursor, @Nullable @QueryValue String limit,
                              @Nullable @QueryValue String area) {
        Integer size;
        try {
            size = limit == null ? null : Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'limit': '" + limit + "' is not a number");
        }
        return RawJson.ok(pull.pull(caller, cursor, size, area));
    }
}
