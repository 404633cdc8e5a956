package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.FieldDeviceConfig;
import org.fieldledger.client.SyncReport;
import org.fieldledger.client.store.JdbcSqlDatabase;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two stateless server instances behind a load balancer share one PostgreSQL and still write one valid ledger. */
class TwoInstancesTest {
    @TempDir
    Path deviceFiles;

    @Test
    void devicesSyncingThroughTwoInstancesAtOnceLeaveOneGaplessValidChain() throws Exception {
        try (FieldWorld world = FieldWorld.start(Backend.POSTGRES); TestServer second = world.server.another()) {
            SiteId household = world.household("wy-household-100", WANGYIN, "中村100号");
            List<FieldDevice> devices = new ArrayList<>();
            List<VisitId> visits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TestServer instance = i % 2 == 0 ? world.server : second;
                FieldDevice device = device(instance, i % 2 == 0 ? "wang.inspector" : "li.inspector", i);
                device.sync();
                for (int v = 0; v < 5; v++) {
                    visits.add(FieldWorld.recordAlarmCheck(device, household, "SA-2024-1" + i + "0" + v));
                }
                devices.add(device);
            }

            ExecutorService pool = Executors.newFixedThreadPool(devices.size());
            List<Future<SyncReport>> reports = new ArrayList<>();
            devices.forEach(device -> reports.add(pool.submit(() -> device.sync())));
            for (Future<SyncReport> report : reports) {
                assertThat(report.get().isComplete()).isTrue();
            }
            pool.shutdown();

            for (VisitId visit : visits) {
                assertThat(world.submissions(visit)).isEqualTo(1);
            }
            var verification = second.get("/api/v1/ledger/verify", world.token("du.supervisor")).json();
            assertThat(verification.path("valid").asBoolean()).isTrue();
            assertThat(verification.path("entriesChecked").asLong()).isEqualTo(world.ledgerHead());
        }
    }

    private FieldDevice device(TestServer instance, String username, int index) throws Exception {
        JdbcSqlDatabase database = JdbcSqlDatabase.openSqlite(deviceFiles.resolve("device-" + index + ".db").toFile());
        FieldDevice device = FieldDevice.open(FieldDeviceConfig.builder(database, instance.uri("").toString())
                .deviceId("tablet-pair-" + index + "0000").clock(Clock.systemUTC()).build());
        device.login(username, TestServer.USER_PASSWORD);
        return device;
    }
}
