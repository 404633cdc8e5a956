package org.fieldledger.server.upload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.evidence.PhotoSettings;
import org.fieldledger.server.upload.UploadRepository.Upload;

/**
 * Photo uploads over tus 1.0.0 (https://tus.io/protocols/resumable-upload): core, creation, checksum and termination,
 * so any tus client can send photos, and a photo cut off on a poor network resumes where the server's copy ends.
 * The rules are in {@link Uploads}; this class speaks the headers (docs/photos.md).
 */
@Controller(TusController.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
class TusController {
    static final String PATH = "/api/v1/uploads";
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,checksum,termination,expiration";
    static final String CHECKSUM_ALGORITHMS = "sha256,sha1";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

    private final Uploads uploads;
    private final PhotoSettings settings;

    TusController(Uploads uploads, PhotoSettings settings) {
        this.uploads = uploads;
        this.settings = settings;
    }

    /** What this server supports; answered without a token (tus core §OPTIONS). */
    @Options
    HttpResponse<?> options() {
        return HttpResponse.noContent().header("Tus-Version", VERSION).header("Tus-Extension", EXTENSIONS)
                .header("Tus-Max-Size", Long.toString(settings.maxSize()))
                .header("Tus-Checksum-Algorithm", CHECKSUM_ALGORITHMS);
    }

    @Options("/{id}")
    HttpResponse<?> optionsOfUpload(@PathVariable String id) {
        return options();
    }

    /** Creation: {@code Upload-Length} and {@code Upload-Metadata} with the photo's {@code sha256}. */
    @Post(consumes = MediaType.ALL)
    HttpResponse<?> create(Caller caller, HttpRequest<?> request) throws IOException {
        requireTus(request);
        caller.requireRole(Role.INSPECTOR, Role.TOWN_OFFICE, Role.SUPERVISOR);
        HttpHeaders headers = request.getHeaders();
        if (headers.contains("Upload-Defer-Length")) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Upload-Defer-Length is not supported: a photo's"
                    + " length is known before it is sent; send Upload-Length");
        }
        long length = number(headers.get("Upload-Length"), "Upload-Length");
        String rawMetadata = headers.get("Upload-Metadata");
        Map<String, String> metadata = TusMetadata.parse(rawMetadata);
        String sha256 = metadata.getOrDefault("sha256", "").toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Upload-Metadata must carry 'sha256': the photo's"
                    + " SHA-256 as 64 hex digits, Base64-encoded like every tus metadata value");
        }
        Upload upload = uploads.create(caller, length, sha256, metadata.get("filename"), rawMetadata);
        return HttpResponse.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, PATH + "/" + upload.id())
                .header("Upload-Offset", "0").header("Upload-Expires", httpDate(uploads.expiresAt(upload)));
    }

    @Head("/{id}")
    HttpResponse<?> head(Caller caller, @PathVariable String id, HttpRequest<?> request) throws IOException {
        requireTus(request);
        Upload upload = uploads.find(caller, id);
        MutableHttpResponse<?> response = HttpResponse.ok().header("Upload-Offset", Long.toString(upload.offset()))
                .header("Upload-Length", Long.toString(upload.length()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Upload-Expires", httpDate(uploads.expiresAt(upload)));
        if (upload.metadata() != null) {
            response.header("Upload-Metadata", upload.metadata());
        }
        return response;
    }

    @Patch(value = "/{id}", consumes = MediaType.ALL)
    HttpResponse<?> patch(Caller caller, @PathVariable String id, HttpRequest<?> request,
                          @Nullable @Body InputStream body) throws IOException {
        requireTus(request);
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(OFFSET_OCTET_STREAM)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A PATCH carries Content-Type: "
                    + OFFSET_OCTET_STREAM + ", not " + contentType);
        }
        long offset = number(request.getHeaders().get("Upload-Offset"), "Upload-Offset");
        ChunkChecksum checksum = ChunkChecksum.parse(request.getHeaders().get("Upload-Checksum"));
        // A PATCH of no bytes is valid tus (a client probing, or a chunk that came out empty): it changes nothing.
        long end = uploads.append(caller, id, offset, checksum, body == null ? InputStream.nullInputStream() : body);
        return HttpResponse.noContent().header("Upload-Offset", Long.toString(end));
    }

    @Delete("/{id}")
    HttpResponse<?> delete(Caller caller, @PathVariable String id, HttpRequest<?> request) throws IOException {
        requireTus(request);
        uploads.terminate(caller, id);
        return HttpResponse.noContent();
    }

    /** For clients (and proxies) that can only send GET and POST: {@code X-HTTP-Method-Override} (tus core §5.5). */
    @Post(value = "/{id}", consumes = MediaType.ALL)
    HttpResponse<?> override(Caller caller, @PathVariable String id, HttpRequest<?> request, @Body InputStream body)
            throws IOException {
        String method = request.getHeaders().get("X-HTTP-Method-Override");
        switch (method == null ? "" : method.toUpperCase(Locale.ROOT)) {
            case "PATCH":
                return patch(caller, id, request, body);
            case "DELETE":
                return delete(caller, id, request);
            case "HEAD":
                return head(caller, id, request);
            default:
                throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "POST to an upload needs X-HTTP-Method-Override:"
                        + " PATCH, DELETE or HEAD");
        }
    }

    /** RFC 9110 §5.6.7 date, as tus's Upload-Expires wants it. */
    private static String httpDate(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    private static void requireTus(HttpRequest<?> request) {
        String version = request.getHeaders().get("Tus-Resumable");
        if (!VERSION.equals(version)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_TUS_VERSION, "Send Tus-Resumable: " + VERSION
                    + (version == null ? "" : "; this server does not speak tus " + version));
        }
    }

    private static long number(String value, String header) {
        try {
            long number = Long.parseLong(value == null ? "" : value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.MALFORMED_REQUEST, header + " must be a non-negative integer, not "
                + (value == null ? "missing" : "'" + value + "'"));
    }
}
