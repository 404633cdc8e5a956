package org.fieldledger.server.blob;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.evidence.PhotoEvidence;
import org.fieldledger.server.storage.Database;

/**
 * Photos by their SHA-256, for whoever may see a visit that claims them. A blob never changes, so its ETag is its
 * name and clients may cache it for good.
 */
@Controller("/api/v1/blobs")
@ExecuteOn(TaskExecutors.BLOCKING)
class BlobController {
    private final BlobStore blobs;
    private final PhotoEvidence evidence;
    private final Database database;

    BlobController(BlobStore blobs, PhotoEvidence evidence, Database database) {
        this.blobs = blobs;
        this.evidence = evidence;
        this.database = database;
    }

    /**
     * The photo. Micronaut routes HEAD here too: whether the server holds the photo, which a device asks before it
     * uploads, and before it deletes its copy.
     */
    @Get("/{sha256}")
    HttpResponse<?> get(Caller caller, @PathVariable String sha256, HttpRequest<?> request) throws IOException {
        return serve(caller, sha256, request, request.getMethod() != io.micronaut.http.HttpMethod.HEAD);
    }

    @Get("/{sha256}/thumbnail")
    HttpResponse<?> thumbnail(Caller caller, @PathVariable String sha256) throws IOException {
        String name = visible(caller, sha256);
        long size = stored(name);
        database.read(connection -> evidence.contentType(connection, name)).orElseThrow(() -> notUploaded(name));
        byte[] jpeg;
        try (InputStream in = blobs.open(name, 0)) {
            jpeg = Thumbnails.of(in);
        }
        if (jpeg == null) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "No thumbnail for this image format ("
                    + size + " bytes); fetch the photo itself");
        }
        return HttpResponse.ok(jpeg).contentType(MediaType.IMAGE_JPEG_TYPE).header(HttpHeaders.ETAG,
                "\"" + name + "-thumbnail\"").header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable");
    }

    private HttpResponse<?> serve(Caller caller, String sha256, HttpRequest<?> request, boolean withBody)
            throws IOException {
        String name = visible(caller, sha256);
        long size = stored(name);
        String etag = "\"" + name + "\"";
        // Served once recorded, not merely stored: the record is what says the server holds the photo.
        String contentType = database.read(connection -> evidence.contentType(connection, name))
                .orElseThrow(() -> notUploaded(name));
        if (etag.equals(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
        }
        ByteRange range;
        try {
            range = ByteRange.parse(request.getHeaders().get(HttpHeaders.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            return new ApiException(ErrorCode.RANGE_NOT_SATISFIABLE, "Range " + request.getHeaders()
                    .get(HttpHeaders.RANGE) + " lies outside the photo's " + size + " bytes").toResponse()
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
        }
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        MutableHttpResponse<?> response = HttpResponse.status(range == null ? HttpStatus.OK
                : HttpStatus.PARTIAL_CONTENT);
        if (withBody) {
            InputStream in = new Limited(blobs.open(name, first), length);
            response = HttpResponse.status(response.status()).body(new StreamedFile(in, MediaType.of(contentType),
                    System.currentTimeMillis(), length));
        } else {
            response.header(HttpHeaders.CONTENT_LENGTH, Long.toString(length)).contentType(contentType);
        }
        response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable");
        if (range != null) {
            response.header(HttpHeaders.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        return response;
    }

    /** The normalised name, when a visit the caller may see claims it: 404 when none claims it, 403 outside scope. */
    private String visible(Caller caller, String sha256) {
        String name = sha256.toLowerCase(Locale.ROOT);
        if (!name.matches("[0-9a-f]{64}")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'sha256': must be 64 hex digits");
        }
        boolean visible = database.read(connection -> evidence.visibleTo(connection, caller, name))
                .orElseThrow(() -> ApiException.notFound("Photo " + name));
        if (!visible) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Photo " + name + " belongs to visits outside your areas");
        }
        return name;
    }

    private long stored(String name) throws IOException {
        return blobs.size(name).orElseThrow(() -> notUploaded(name));
    }

    private static ApiException notUploaded(String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Photo " + name + " is claimed by a visit but has not been"
                + " uploaded yet");
    }

    /** The first {@code remaining} bytes of a stream: the end of a range. */
    private static final class Limited extends java.io.FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }
}
