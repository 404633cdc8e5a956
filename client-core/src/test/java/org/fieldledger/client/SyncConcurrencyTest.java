package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.store.JdbcSqlDatabase;
import org.fieldledger.client.support.Notices;
import org.fieldledger.client.support.ProtocolPeer;
import org.fieldledger.client.transport.HttpResponse;
import org.fieldledger.client.transport.Transport;
import org.fieldledger.client.transport.UrlConnectionTransport;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a push is on the wire, its records show UPLOADING, and the inspector can go on recording. */
class SyncConcurrencyTest {
    @TempDir
    File directory;

    private ProtocolPeer peer;
    private JdbcSqlDatabase database;
    private FieldDevice device;
    private final List<Runnable> duringPush = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        peer = new ProtocolPeer();
        peer.publishTemplate(Notices.smokeAlarmTemplate());
        peer.publishSite(Notices.household(1));
        peer.publishSite(Notices.household(2));
        UrlConnectionTransport http = new UrlConnectionTransport();
        Transport observed = (method, url, headers, body) -> {
            if (url.endsWith("/api/v1/sync/push")) {
                duringPush.forEach(Runnable::run);
            }
            return http.send(method, url, headers, body);
        };
        database = JdbcSqlDatabase.openSqlite(new File(directory, "device.db"));
        device = FieldDevice.open(FieldDeviceConfig.builder(database, peer.url()).transport(observed).build());
        device.login(ProtocolPeer.USERNAME, ProtocolPeer.PASSWORD);
        device.sync();
    }

    @AfterEach
    void close() {
        database.close();
        peer.close();
    }

    @Test
    void recordsShowUploadingWhileTheirPushIsInFlightAndRecordingGoesOn() throws Exception {
        VisitId sent = submit(1);
        List<SyncState> seen = new ArrayList<>();
        List<VisitId> recordedMeanwhile = new ArrayList<>();
        duringPush.add(() -> seen.add(device.visit(sent).state()));
        duringPush.add(() -> seen.add(device.site(Notices.household(1).id()).state()));
        duringPush.add(() -> recordedMeanwhile.add(device.startVisit(Notices.household(2).id(),
                Notices.SMOKE_ALARM)));

        device.sync();

        assertThat(seen).containsExactly(SyncState.UPLOADING, SyncState.UPLOADING);
        assertThat(device.visit(sent).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device.visit(recordedMeanwhile.get(0)).state()).isEqualTo(SyncState.LOCAL_ONLY);
    }

    private VisitId submit(int household) throws InvalidVisitException {
        VisitId draft = device.startVisit(Notices.household(household).id(), Notices.SMOKE_ALARM);
        for (Map.Entry<String, AnswerValue> answer : Notices.householdAnswers("张桂兰", "JTY-GD-2024-0137").entrySet()) {
            device.answer(draft, answer.getKey(), answer.getValue());
        }
        device.submit(draft);
        return draft;
    }
}
