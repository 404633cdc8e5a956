package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.support.Devices;
import org.fieldledger.client.support.Notices;
import org.fieldledger.client.support.ProtocolPeer;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logged-in device on a real SQLite file, talking real HTTP to a {@link ProtocolPeer} that holds the smoke-alarm
 * and canteen checklists, five households of 王因街道 and a canteen of 黄屯街道, already pulled once.
 */
abstract class FieldDeviceTestBase {
    @TempDir
    File directory;

    ProtocolPeer peer;
    Devices devices;

    @BeforeEach
    void startPeerAndLogIn() throws Exception {
        peer = new ProtocolPeer();
        peer.publishTemplate(Notices.smokeAlarmTemplate());
        peer.publishTemplate(Notices.canteenTemplate());
        for (int n = 1; n <= 5; n++) {
            peer.publishSite(Notices.household(n));
        }
        peer.publishSite(Notices.canteen());
        devices = new Devices(directory, peer.url());
        device().login(ProtocolPeer.USERNAME, ProtocolPeer.PASSWORD);
        assertThat(device().sync().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }

    @AfterEach
    void stop() {
        devices.close();
        peer.close();
    }

    FieldDevice device() {
        return devices.device();
    }

    /** Records and submits a complete, passing smoke-alarm check of household {@code n}. */
    VisitId submitHouseholdVisit(int n) throws InvalidVisitException {
        VisitId draft = device().startVisit(Notices.household(n).id(), Notices.SMOKE_ALARM);
        for (Map.Entry<String, AnswerValue> answer : Notices.householdAnswers("独居老人" + n, "JTY-GD-2024-" + (1000 + n))
                .entrySet()) {
            device().answer(draft, answer.getKey(), answer.getValue());
        }
        device().submit(draft, Notices.QIANCUN);
        return draft;
    }

    /** The seqs in the outbox, read straight from the table. */
    List<Long> outboxSeqs() {
        return devices.database().query("SELECT seq FROM outbox ORDER BY seq", row -> row.getRequiredLong("seq"));
    }

    static List<VisitId> ids(List<LocalVisit> visits) {
        List<VisitId> ids = new ArrayList<>();
        visits.forEach(visit -> ids.add(visit.id()));
        return ids;
    }

}
