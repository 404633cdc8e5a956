package org.fieldledger.model.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The forms of a UTC instant that devices and this server write, {@code 2026-11-23T09:15:00Z} and
 * {@code 2026-11-23T09:15:00.123Z}, read and written without {@link java.time.format.DateTimeFormatter}: a visit has
 * three instants, and the general parser took a tenth of reading one, the general printer a twentieth of a push's
 * work. Every other form is read by {@link Instant#parse}; every instant is written as {@link Instant#toString} writes
 * it.
 */
public final class UtcInstants {
    private static final long MIN_COMMON_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long MAX_COMMON_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private UtcInstants() {
    }

    /** The instant of a common form; null for any other text. */
    static Instant parse(String text) {
        int length = text.length();
        if ((length != 20 && length != 24) || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length == 24 && text.charAt(19) != '.') || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = length == 24 ? digits(text, 20, 3) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The text of {@link Instant#toString}: for the years 0 to 9999 written here, with the fraction of a second in as
     * many groups of three digits as it needs, as {@code toString} writes it. The server's own clock reads to the
     * microsecond, so its instants have six.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (seconds < MIN_COMMON_SECOND || seconds >= MAX_COMMON_SECOND) {
            return instant.toString();
        }
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        char[] text = new char[fractionDigits == 0 ? 20 : 21 + fractionDigits];
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        if (fractionDigits > 0) {
            text[19] = '.';
            put(text, 20, fractionDigits == 3 ? nanos / 1_000_000 : fractionDigits == 6 ? nanos / 1_000 : nanos,
                    fractionDigits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void put(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
