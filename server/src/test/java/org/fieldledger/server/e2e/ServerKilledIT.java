package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed outright (SIGKILL, no shutdown) right after it answered a push keeps all of the push: on SQLite its
 * writer commits without waiting for the disk and flushes after letting the next writer in (WalFlush), and neither may
 * lose an answered push when the process dies.
 */
class ServerKilledIT {
    private static final String DEVICE = "tablet-killed-01";
    private static final int VISITS = 60;

    @TempDir
    Path dataDir;

    @Test
    void everyPushAnsweredBeforeTheServerWasKilledIsThereAfterItsRestart() throws Exception {
        String push = WireJson.writePushRequest(new PushRequest(DEVICE, visits()));
        String admin;
        JsonNode answered;
        try (ServerJar server = ServerJar.start(dataDir, List.of(), Map.of())) {
            admin = server.login("admin", ServerJar.ADMIN_PASSWORD, null);
            server.post("/api/v1/admin/users", "{\"username\":\"kill.inspector\",\"password\":\"inspector-2026\","
                    + "\"role\":\"INSPECTOR\",\"areas\":[\"" + FieldWorld.WANGYIN + "\"]}", admin, 201);
            server.post("/api/v1/sites", "{\"id\":\"wy-household-600\",\"name\":\"西村600号\",\"kind\":\"HOUSEHOLD\","
                    + "\"area\":\"" + FieldWorld.WANGYIN + "\",\"location\":{\"latitude\":35.4012,"
                    + "\"longitude\":116.5633},\"projects\":[\"gaoxin-2024-2\"]}", admin, 201);
            answered = server.post("/api/v1/sync/push", push, server.login("kill.inspector", "inspector-2026",
                    DEVICE), 200);
            server.kill();
        }
        assertThat(answered.path("acknowledgedThrough").asLong()).isEqualTo(VISITS);
        assertThat(answered.path("results").findValuesAsText("status")).containsOnly("APPLIED").hasSize(VISITS);

        try (ServerJar restarted = ServerJar.start(dataDir, List.of(), Map.of())) {
            JsonNode again = restarted.post("/api/v1/sync/push", push,
                    restarted.login("kill.inspector", "inspector-2026", DEVICE), 200);
            assertThat(again.path("results").findValuesAsText("status")).as("the retry finds every mutation stored")
                    .containsOnly("DUPLICATE").hasSize(VISITS);
            assertThat(again.path("results").findValuesAsText("position"))
                    .isEqualTo(answered.path("results").findValuesAsText("position"));
            String supervisor = supervisor(restarted, admin);
            assertThat(restarted.get("/api/v1/sync/pull?limit=1000", supervisor, 200).path("changes")
                    .findValuesAsText("kind").stream().filter("VISIT"::equals)).hasSize(VISITS);
            assertThat(restarted.get("/api/v1/ledger/verify", supervisor, 200).path("valid").asBoolean()).isTrue();
        }
    }

    private static List<Mutation> visits() {
        List<Mutation> mutations = new ArrayList<>();
        for (int i = 1; i <= VISITS; i++) {
            mutations.add(Pushes.submitVisit("m-killed-" + i, i, DEVICE, Pushes.alarmVisit("v-killed-" + i,
                    new SiteId("wy-household-600"), FieldWorld.SMOKE_ALARM, FieldWorld.alarmAnswers("SA-2024-06"
                            + String.format("%02d", i)))));
        }
        return mutations;
    }

    private static String supervisor(ServerJar server, String admin) throws Exception {
        server.post("/api/v1/admin/users", "{\"username\":\"kill.supervisor\",\"password\":\"supervisor-2026\","
                + "\"role\":\"SUPERVISOR\",\"areas\":[]}", admin, 201);
        return server.login("kill.supervisor", "supervisor-2026", null);
    }
}
