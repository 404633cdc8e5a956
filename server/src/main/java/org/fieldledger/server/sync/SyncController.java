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

    @Post(value = "/push", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> push(Caller caller, @Body String body) {
        PushRequest request;
        try {
            request = WireJson.readPushRequest(body);
        } catch (WireFormatException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
        return RawJson.ok(WireJson.writePushResponse(push.push(caller, request)));
    }

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
