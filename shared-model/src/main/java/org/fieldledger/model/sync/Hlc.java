package org.fieldledger.model.sync;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A hybrid logical clock timestamp (Kulkarni et al. 2014): wall-clock milliseconds, a counter that orders events within
 * the same millisecond (or while a clock lags behind one it has seen), and the node that stamped it.
 *
 * <p>Written {@code MMMMMMMMMMMMMMMM-CCCCCC-node}: 16 digits of milliseconds and 6 of counter, zero-padded, so that
 * <b>string order is clock order</b> and a server can compare stored clocks in SQL. {@link #compareTo} agrees with it.
 *
 * @param node the device id, or {@code server}
 */
public record Hlc(long wallMillis, int counter, String node) implements Comparable<Hlc> {
    /** The largest wall time and counter the fixed-width form can hold. */
    public static final long MAX_WALL = 9_999_999_999_999_999L;
    public static final int MAX_COUNTER = 999_999;

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern FORM = Pattern.compile("[0-9]{16}-[0-9]{6}-[A-Za-z0-9._-]{1,64}");

    public Hlc {
        if (wallMillis < 0 || wallMillis > MAX_WALL) {
            throw new IllegalArgumentException("HLC wall time " + wallMillis + " is outside 0.." + MAX_WALL);
        }
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new IllegalArgumentException("HLC counter " + counter + " is outside 0.." + MAX_COUNTER);
        }
        Objects.requireNonNull(node, "HLC node");
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("HLC node '" + node + "' must be 1-64 characters of [A-Za-z0-9._-]");
        }
    }

    /** Reads the fixed-width form; anything else (a shorter number, a missing node) is refused. */
    public static Hlc parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an HLC of the form MMMMMMMMMMMMMMMM-CCCCCC-node");
        }
        return new Hlc(Long.parseLong(text.substring(0, 16)), Integer.parseInt(text.substring(17, 23)),
                text.substring(24));
    }

    @Override
    public int compareTo(Hlc other) {
        int order = Long.compare(wallMillis, other.wallMillis);
        if (order == 0) {
            order = Integer.compare(counter, other.counter);
        }
        return order != 0 ? order : node.compareTo(other.node);
    }

    public boolean isAfter(Hlc other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(24 + node.length());
        pad(text, Long.toString(wallMillis), 16);
        text.append('-');
        pad(text, Integer.toString(counter), 6);
        return text.append('-').append(node).toString();
    }

    private static void pad(StringBuilder text, String digits, int width) {
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        text.append(digits);
    }
}
