package org.fieldledger.server.review;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** Completion claims with their status, area and the clock of each field's last write. */
@Singleton
public class CompletionRepository {
    private final Database database;

    CompletionRepository(Database database) {
        this.database = database;
    }

    /** A stored completion. */
    public record StoredCompletion(CompletionState state, String area, String submissionSha256,
                                   Map<String, Hlc> fieldClocks) {
    }

    public Optional<StoredCompletion> find(Connection connection, CompletionId id) throws SQLException {
        return Sql.queryOne(connection, "SELECT state, area, content_sha256, field_clocks FROM completion WHERE id = ?",
                row -> new StoredCompletion((CompletionState) WireJson.readChangeData(ChangeKind.COMPLETION,
                        row.getString(1)), row.getString(2), row.getString(3), clocks(row.getString(4))),
                id.value());
    }

    /** Completions the caller may see, optionally of one project and status, newest first. */
    public List<CompletionState> list(Caller caller, String project, String status) {
        StringBuilder sql = new StringBuilder("SELECT state, area FROM completion WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (project != null) {
            sql.append(" AND project_id = ?");
            parameters.add(project);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status);
        }
        sql.append(" ORDER BY id");
        return database.read(connection -> Sql.query(connection, sql.toString(), row -> caller.canSee(row.getString(2))
                ? (CompletionState) WireJson.readChangeData(ChangeKind.COMPLETION, row.getString(1)) : null,
                parameters.toArray())).stream().filter(java.util.Objects::nonNull).toList();
    }

    void insert(Connection connection, CompletionState state, String area, String submissionSha256,
                Map<String, Hlc> fieldClocks, String json) throws SQLException {
        var completion = state.completion();
        Sql.update(connection, "INSERT INTO completion (id, project_id, metric, site_id, area, status, content_sha256,"
                        + " field_clocks, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", completion.id().value(),
                completion.project().value(), completion.metric(), completion.site().value(), area,
                completion.status().name(), submissionSha256, clocksJson(fieldClocks), json);
    }

    void update(Connection connection, CompletionState state, Map<String, Hlc> fieldClocks, String json)
            throws SQLException {
        Sql.update(connection, "UPDATE completion SET status = ?, field_clocks = ?, state = ? WHERE id = ?",
                state.completion().status().name(), clocksJson(fieldClocks), json, state.completion().id().value());
    }

    private static String clocksJson(Map<String, Hlc> clocks) {
        com.google.gson.JsonObject json = new com.google.gson.JsonObject();
        clocks.forEach((field, clock) -> json.addProperty(field, clock.toString()));
        return json.toString();
    }

    private static Map<String, Hlc> clocks(String json) {
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        com.google.gson.JsonParser.parseString(json).getAsJsonObject().entrySet()
                .forEach(entry -> clocks.put(entry.getKey(), Hlc.parse(entry.getValue().getAsString())));
        return clocks;
    }
}
