package org.fieldledger.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HlcTest {
    private static final long NOV_23 = Instant.parse("2026-11-23T09:15:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** A wall clock the test moves by hand. */
    static final class HandClock extends Clock {
        final AtomicLong millis;

        HandClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void writesTheFixedWidthFormAndReadsItBack() {
        Hlc hlc = new Hlc(1763889300000L, 7, "tablet-7f3a9c21");

        assertThat(hlc.toString()).isEqualTo("0001763889300000-000007-tablet-7f3a9c21");
        assertThat(Hlc.parse("0001763889300000-000007-tablet-7f3a9c21")).isEqualTo(hlc);
        assertThat(Hlc.parse("0001763889301234-000002-server").node()).isEqualTo("server");
    }

    @Test
    void stringOrderIsClockOrder() {
        List<Hlc> clocks = new ArrayList<>();
        clocks.add(new Hlc(999, 0, "server"));
        clocks.add(new Hlc(1000, 0, "server"));
        clocks.add(new Hlc(1000, 0, "tablet-7f3a9c21"));
        clocks.add(new Hlc(1000, 10, "a"));
        clocks.add(new Hlc(1000, 9, "zzz"));
        clocks.add(new Hlc(NOV_23, 0, "server"));
        List<String> texts = new ArrayList<>();
        clocks.forEach(clock -> texts.add(clock.toString()));

        Collections.sort(clocks);
        Collections.sort(texts);

        List<String> sortedClocks = new ArrayList<>();
        clocks.forEach(clock -> sortedClocks.add(clock.toString()));
        assertThat(sortedClocks).isEqualTo(texts);
    }

    @Test
    void refusesAnythingButTheFixedWidthForm() {
        for (String text : new String[] {"1763889300000-000007-tablet", "0001763889300000-7-tablet",
                "0001763889300000-000007-", "0001763889300000-000007-tab let", "", null}) {
            assertThatThrownBy(() -> Hlc.parse(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void localEventsNeverGoBackwardsWhenTheWallClockDoes() {
        HandClock wall = new HandClock(NOV_23);
        HlcClock clock = new HlcClock(wall, "tablet-7f3a9c21");

        Hlc first = clock.now();
        Hlc second = clock.now();
        wall.millis.set(NOV_23 - 60_000);
        Hlc afterWallJumpedBack = clock.now();
        wall.millis.set(NOV_23 + 5);
        Hlc afterWallMovedOn = clock.now();

        assertThat(first).isEqualTo(new Hlc(NOV_23, 0, "tablet-7f3a9c21"));
        assertThat(second).isEqualTo(new Hlc(NOV_23, 1, "tablet-7f3a9c21"));
        assertThat(afterWallJumpedBack).isEqualTo(new Hlc(NOV_23, 2, "tablet-7f3a9c21"));
        assertThat(afterWallMovedOn).isEqualTo(new Hlc(NOV_23 + 5, 0, "tablet-7f3a9c21"));
    }

    @Test
    void deviceADayBehindStampsItsEditsAfterTheServerClockItReceived() {
        HandClock wall = new HandClock(NOV_23 - DAY);
        HlcClock device = new HlcClock(wall, "tablet-7f3a9c21");
        device.now();
        Hlc server = new Hlc(NOV_23, 4, "server");

        Hlc received = device.receive(server);
        Hlc nextEdit = device.now();

        assertThat(received).isEqualTo(new Hlc(NOV_23, 5, "tablet-7f3a9c21"));
        assertThat(nextEdit.isAfter(server)).isTrue();
        assertThat(nextEdit).isEqualTo(new Hlc(NOV_23, 6, "tablet-7f3a9c21"));
        assertThat(nextEdit.toString().compareTo(server.toString())).isPositive();
    }

    @Test
    void deviceADayAheadKeepsItsOwnWallAndCountsOn() {
        HandClock wall = new HandClock(NOV_23 + DAY);
        HlcClock device = new HlcClock(wall, "tablet-7f3a9c21");
        Hlc edit = device.now();

        Hlc received = device.receive(new Hlc(NOV_23, 4, "server"));

        assertThat(edit).isEqualTo(new Hlc(NOV_23 + DAY, 0, "tablet-7f3a9c21"));
        assertThat(received).isEqualTo(new Hlc(NOV_23 + DAY, 1, "tablet-7f3a9c21"));
    }

    @Test
    void receiveContinuesFromTheLargerCounterWhenBothHadTheWall() {
        HandClock wall = new HandClock(NOV_23 - 1000);
        HlcClock device = new HlcClock(wall, "tablet-7f3a9c21", new Hlc(NOV_23, 9, "tablet-7f3a9c21"));

        assertThat(device.receive(new Hlc(NOV_23, 3, "server")).counter()).isEqualTo(10);
        assertThat(device.receive(new Hlc(NOV_23, 40, "server")).counter()).isEqualTo(41);
    }

    @Test
    void receiveStartsTheCounterAtZeroWhenTheLocalWallIsAheadOfBoth() {
        HandClock wall = new HandClock(NOV_23 + 10);
        HlcClock device = new HlcClock(wall, "tablet-7f3a9c21", new Hlc(NOV_23, 9, "tablet-7f3a9c21"));

        assertThat(device.receive(new Hlc(NOV_23 + 3, 7, "server"))).isEqualTo(new Hlc(NOV_23 + 10, 0,
                "tablet-7f3a9c21"));
    }

    @Test
    void restoredClockContinuesAfterTheStampItWasGiven() {
        HandClock wall = new HandClock(NOV_23 - DAY);
        Hlc persisted = new Hlc(NOV_23, 5, "tablet-7f3a9c21");

        HlcClock reopened = new HlcClock(wall, "tablet-7f3a9c21", persisted);

        assertThat(reopened.now()).isEqualTo(new Hlc(NOV_23, 6, "tablet-7f3a9c21"));
    }

    @Test
    void exhaustedCounterMovesTheWallOnInsteadOfWrapping() {
        HandClock wall = new HandClock(NOV_23 - DAY);
        HlcClock device = new HlcClock(wall, "tablet-7f3a9c21", new Hlc(NOV_23, Hlc.MAX_COUNTER, "tablet-7f3a9c21"));

        Hlc next = device.now();

        assertThat(next).isEqualTo(new Hlc(NOV_23 + 1, 0, "tablet-7f3a9c21"));
    }

    @Test
    void clockIsSafeToShareBetweenThreads() throws InterruptedException {
        HlcClock clock = new HlcClock(new HandClock(NOV_23), "tablet-7f3a9c21");
        List<Hlc> stamps = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    stamps.add(clock.now());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(stamps).doesNotHaveDuplicates().hasSize(4000);
    }
}
