package org.fieldledger.model.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written printer writes what {@link Instant#toString} writes, for every instant, and reads back its own. */
class UtcInstantsTest {
    /** The four centuries the random instants are drawn from. */
    private static final Instant EARLIEST = Instant.parse("1800-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    @Test
    void writesWhatInstantToStringWritesAtTheEdges() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.ofEpochMilli(1),
                Instant.parse("2026-11-23T09:15:00Z"), Instant.parse("2026-11-23T09:15:00.120Z"),
                Instant.parse("2024-02-29T23:59:59.999Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("2026-11-23T09:15:00.000001Z"),
                Instant.parse("2026-11-23T09:15:00.123456789Z"), Instant.parse("2026-11-23T09:15:00.000000001Z"),
                Instant.parse("2026-11-23T09:15:00.100200Z"), Instant.parse("2026-11-23T09:15:00.999999999Z"),
                Instant.MIN, Instant.MAX);
        for (Instant instant : edges) {
            assertThat(UtcInstants.format(instant)).as(instant.toString()).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesWhatInstantToStringWritesForAnyMillisecondInFourCenturies() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(EARLIEST.toEpochMilli(), LATEST.toEpochMilli());
            // whole seconds as often as not: the form without a fraction
            Instant instant = Instant.ofEpochMilli(random.nextBoolean() ? millis : millis - Math.floorMod(millis, 1000));
            String text = UtcInstants.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(UtcInstants.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void writesWhatInstantToStringWritesForMicrosAndNanosAsAServerClockReadsThem() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 200_000; i++) {
            int nanos = random.nextInt(1_000_000_000);
            // to the microsecond as often as to the nanosecond, and now and then a fraction that ends in zeros
            int precise = switch (i % 4) {
                case 0, 1 -> nanos - nanos % 1_000;
                case 2 -> nanos;
                default -> nanos - nanos % 100_000;
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(EARLIEST.getEpochSecond(), LATEST.getEpochSecond()),
                    precise);
            assertThat(UtcInstants.format(instant)).isEqualTo(instant.toString());
        }
    }
}
