package org.fieldledger.client.internal.sync;

import java.util.Random;

/**
 * Exponential back-off with jitter after failed syncs: 5 s, 10 s, 20 s … up to 15 minutes, each drawn uniformly from
 * the upper half of its window ("equal jitter"), so a hundred tablets that lost the same network do not all come
 * back in the same second, and none waits less than half its step.
 */
public final class BackoffPolicy {
    static final long BASE_MILLIS = 5_000;
    static final long MAX_MILLIS = 15 * 60_000;

    private final Random random;

    public BackoffPolicy(Random random) {
        this.random = random;
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public long delayMillis(long failures) {
        long step = BASE_MILLIS << Math.min(Math.max(failures - 1, 0), 20);
        step = Math.min(step, MAX_MILLIS);
        long half = step / 2;
        return half + (long) (random.nextDouble() * (half + 1));
    }

    /**
     * Whether a stored retry time still holds. A retry time further ahead than the longest back-off means the device
     * clock was moved back since it was set; honouring it could block sync for days, so it is ignored.
     */
    public static boolean stillWaiting(Long retryAt, long now) {
        return retryAt != null && now < retryAt && retryAt - now <= MAX_MILLIS;
    }
}
