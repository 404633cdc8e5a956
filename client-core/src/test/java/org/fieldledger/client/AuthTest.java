package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import org.fieldledger.client.store.JdbcSqlDatabase;
import org.fieldledger.client.support.Notices;
import org.fieldledger.client.support.ProtocolPeer;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.Test;

/** Login, token refresh with rotation, and an expired session (docs/auth.md). */
class AuthTest extends FieldDeviceTestBase {
    @Test
    void expiredAccessTokenIsRefreshedOnceAndTheRequestRetried() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.expireAccessTokens();

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
        assertThat(peer.refreshTokensPresented()).containsExactly("refresh-1");
    }

    @Test
    void rotatedRefreshTokenIsStoredBeforeUseAndSurvivesARestart() throws Exception {
        peer.expireAccessTokens();
        device().sync();
        devices.crashAndReopen();
        peer.expireAccessTokens();

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(peer.refreshTokensPresented()).containsExactly("refresh-1", "refresh-2");
    }

    @Test
    void refusedRefreshReportsSessionExpiredAndKeepsEverythingQueued() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.expireAccessTokens();
        peer.revokeRefreshTokens();

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.SESSION_EXPIRED);
        assertThat(report.errors()).anyMatch(error -> error.startsWith("session expired, log in again"));
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.PENDING);
        assertThat(device().pendingCount()).isEqualTo(1);
        int refreshes = peer.refreshTokensPresented().size();
        assertThat(device().sync(true).outcome()).isEqualTo(SyncReport.Outcome.SESSION_EXPIRED);
        assertThat(peer.refreshTokensPresented()).hasSize(refreshes);

        device().login(ProtocolPeer.USERNAME, ProtocolPeer.PASSWORD);

        assertThat(device().sync().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void wrongPasswordIsRefusedWithTheServersCodeAndMessage() {
        LoginFailedException refused = catchThrowableOfType(() -> device().login(ProtocolPeer.USERNAME, "123456"),
                LoginFailedException.class);

        assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(refused).hasMessage("用户名或密码错误");
    }

    @Test
    void anotherUserCannotLogInOnADeviceHoldingSomeonesRecords() {
        LoginFailedException refused = catchThrowableOfType(() -> device().login("li.xiuying", "secret"),
                LoginFailedException.class);

        assertThat(refused.code()).isEqualTo("DEVICE_OWNED_BY_ANOTHER_USER");
        assertThat(peer.loginCount()).isEqualTo(1);
    }

    @Test
    void freshDeviceMustLogInBeforeRecordingOrSyncing() {
        try (JdbcSqlDatabase database = JdbcSqlDatabase.openSqlite(new File(directory, "fresh.db"))) {
            FieldDevice fresh = FieldDevice.open(FieldDeviceConfig.builder(database, peer.url()).build());

            assertThat(fresh.deviceId()).startsWith("fl-").hasSize(39);
            assertThat(fresh.user()).isNull();
            assertThat(fresh.sync().outcome()).isEqualTo(SyncReport.Outcome.NOT_LOGGED_IN);
            assertThatThrownBy(() -> fresh.startVisit(Notices.household(1).id(), Notices.SMOKE_ALARM))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("log in once");
        }
    }

    @Test
    void databaseKeepsTheDeviceIdItWasCreatedWith() {
        devices.close();
        try (JdbcSqlDatabase database = JdbcSqlDatabase.openSqlite(devices.file())) {
            assertThatThrownBy(() -> FieldDevice.open(FieldDeviceConfig.builder(database, peer.url())
                    .deviceId("tablet-00000000").build())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to device tablet-7f3a9c21");
        }
        devices.reopen();
    }
}
