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
        List<String> areas = scope(caller, area);
        return database.read(connection -> {
            // Every entry up to the head read first is committed (the head moves in the same transaction), so the
            // cursor may safely move to it when the page is not full.
            long head = Sql.queryOne(connection, "SELECT position FROM ledger_head WHERE id = 1",
                    row -> row.getLong(1)).orElseThrow();
            List<Object> bound = new ArrayList<>();
            String sql = pageQuery(areas, after, head, size + 1, bound);
            List<Row> rows = Sql.query(connection, sql, row -> new Row(row.getLong(1), row.getString(2),
                    row.getString(3), row.getString(4)), bound.toArray());
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

    /** No filter: null. Otherwise the areas in scope; entries of no area (checklists) are always in scope. */
    private static List<String> scope(Caller caller, String area) {
        if (area != null) {
            return List.of(area);
        }
        if (caller.role().seesAllAreas()) {
            return null;
        }
        return List.copyOf(caller.areas());
    }

    /**
     * One page, read in position order straight off the indexes. A single {@code area IS NULL OR area IN (...)}
     * condition makes both databases collect every entry in scope after the cursor and sort them before the
     * {@code LIMIT}, so each page cost the whole rest of the feed and a full pull grew with the square of it. Instead,
     * each area (and "no area") is its own range scan of the (area, position) index, already in order and stopped
     * at the page size, and only those few rows are merged.
     */
    private static String pageQuery(List<String> areas, long after, long head, int limit, List<Object> bound) {
        String columns = "position, entity_type, entity_id, payload";
        String range = " position > ? AND position <= ? AND entity_type IN (" + FEED_KINDS + ")";
        if (areas == null) {
            bound.addAll(List.of(after, head, limit));
            return "SELECT " + columns + " FROM ledger_entry WHERE" + range + " ORDER BY position LIMIT ?";
        }
        List<String> parts = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        conditions.add("area IS NULL");
        for (String area : areas) {
            conditions.add("area = ?");
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                bound.add(areas.get(i - 1));
            }
            bound.addAll(List.of(after, head, limit));
            parts.add("SELECT " + columns + " FROM (SELECT " + columns + " FROM ledger_entry WHERE "
                    + conditions.get(i) + " AND" + range + " ORDER BY position LIMIT ?) part" + i);
        }
        bound.add(limit);
        return "SELECT " + columns + " FROM (" + String.join(" UNION ALL ", parts) + ") feed ORDER BY position"
                + " LIMIT ?";
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
