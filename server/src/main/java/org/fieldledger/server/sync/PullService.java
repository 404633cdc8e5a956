package org.fieldledger.server.sync;

import com.google.gson.stream.JsonWriter;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/**
 * The pull feed: ledger entries of the feed's kinds after the caller's cursor, within the caller's scope. The cost of
 * a page follows the changes in scope, not the size of the ledger: entries are found through the (area, position)
 * index, and a cursor moves past everything out of scope up to the head the page was read against.
 */
@Singleton
public class PullService {
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
    private static final String CURSOR_PREFIX = "v1:";

    private final Database database;
    private final HlcClock serverClock;

    PullService(Database database, HlcClock serverClock) {
        this.database = database;
        this.serverClock = serverClock;
    }

    private record Row(long position, String kind, String id, String payload) {
    }

    /** One page of changes as the protocol's JSON: the entries' stored payloads are written as they are. */
    public String pull(Caller caller, String cursor, Integer limit, String area) {
        long after = cursor == null || cursor.isEmpty() ? 0 : decode(cursor);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'limit': must be 1 to " + MAX_LIMIT
                    + ", was " + size);
        }
        if (area != null) {
            caller.requireArea(area, "Area " + area);
        }
        List<Object> parameters = new ArrayList<>();
        String scope = scope(caller, area, parameters);
        return database.read(connection -> {
            // Every entry up to the head read first is committed (the head moves in the same transaction), so the
            // cursor may safely move to it when the page is not full.
            long head = Sql.queryOne(connection, "SELECT position FROM ledger_head WHERE id = 1",
                    row -> row.getLong(1)).orElseThrow();
            List<Object> bound = new ArrayList<>();
            bound.add(after);
            bound.add(head);
            bound.addAll(parameters);
            bound.add(size + 1);
            List<Row> rows = Sql.query(connection, "SELECT position, entity_type, entity_id, payload FROM ledger_entry"
                    + " WHERE position > ? AND position <= ? AND entity_type IN (" + FEED_KINDS + ")" + scope
                    + " ORDER BY position LIMIT ?", row -> new Row(row.getLong(1), row.getString(2), row.getString(3),
                    row.getString(4)), bound.toArray());
            boolean hasMore = rows.size() > size;
            List<Row> page = hasMore ? rows.subList(0, size) : rows;
            long next = hasMore ? page.get(page.size() - 1).position() : Math.max(after, head);
            return write(page, encode(next), hasMore);
        });
    }

    private static final String FEED_KINDS = feedKinds();

    private static String feedKinds() {
        List<String> kinds = new ArrayList<>();
        for (ChangeKind kind : ChangeKind.values()) {
            kinds.add("'" + kind.name() + "'");
        }
        return String.join(", ", kinds);
    }

    private static String scope(Caller caller, String area, List<Object> parameters) {
        if (area != null) {
            parameters.add(area);
            return " AND (area IS NULL OR area = ?)";
        }
        if (caller.role().seesAllAreas()) {
            return "";
        }
        if (caller.areas().isEmpty()) {
            return " AND area IS NULL";
        }
        parameters.addAll(caller.areas());
        return " AND (area IS NULL OR area IN (" + String.join(", ", java.util.Collections.nCopies(
                caller.areas().size(), "?")) + "))";
    }

    private String write(List<Row> page, String cursor, boolean hasMore) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject().name("changes").beginArray();
            for (Row row : page) {
                json.beginObject().name("position").value(row.position()).name("kind").value(row.kind())
                        .name("id").value(row.id()).name("data").jsonValue(row.payload()).endObject();
            }
            json.endArray().name("cursor").value(cursor).name("hasMore").value(hasMore)
                    .name("serverClock").value(serverClock.now().toString()).endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + position)
                .getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                long position = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'cursor': '" + cursor + "' is not a cursor"
                + " this server issued; pull without a cursor to start over");
    }
}
