package org.fieldledger.bench;

import java.util.Arrays;

/** Latency percentiles of a sample, in milliseconds. */
final class Stats {
    private Stats() {
    }

    static double percentile(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static double median(long[] nanos) {
        return percentile(nanos, 50);
    }
}
