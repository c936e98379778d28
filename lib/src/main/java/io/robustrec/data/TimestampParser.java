package io.robustrec.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Turns a timestamp text into epoch seconds, deciding the form per value:
 * <ul>
 *   <li>an integer or decimal number is unix seconds (decimals are floored: RecBole writes {@code 1.36e9} floats);</li>
 *   <li>an ISO-8601 date-time with offset or zone ({@code 2011-01-02T10:00:00+01:00}, {@code ...Z},
 *       {@code ...[Europe/London]}) is converted to UTC;</li>
 *   <li>a local date-time ({@code 2011-01-02T10:00[:00]} or {@code 2011-01-02 10:00[:00]}) and a bare date
 *       ({@code 2011-01-02}, read as midnight) are taken as UTC.</li>
 * </ul>
 * Digit-only values are always unix seconds, never compact dates such as {@code 20110102}.
 */
public final class TimestampParser {

    private TimestampParser() {
    }

    /**
     * Parses one value.
     *
     * @throws IllegalArgumentException naming the value when no form fits
     */
    public static long parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (looksNumeric(s)) {
            try {
                if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
                    return Long.parseLong(s);
                }
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("timestamp '" + text + "' is not finite");
                }
                return (long) Math.floor(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is not a number of unix seconds");
            }
        }
        long fast = fastLocal(s);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return z.toEpochSecond();
            }
            return ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("timestamp '" + text
                        + "' is neither unix seconds nor an ISO-8601 / 'yyyy-MM-dd HH:mm[:ss]' date-time");
            }
        }
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
            return false;
        }
        // a date such as 2011-01-02 starts with digits too: numbers have no '-' after the sign, and no ':' or 'T'
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E'
                    || ((ch == '-' || ch == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
                return false;
            }
        }
        return true;
    }

    // The common zone-less forms, parsed by hand: half a million rows of DateTimeFormatter cost about a second.
    private static long fastLocal(String s) {
        int n = s.length();
        if (n != 16 && n != 19) {
            return Long.MIN_VALUE;
        }
        char sep = s.charAt(10);
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || (sep != 'T' && sep != ' ') || s.charAt(13) != ':'
                || (n == 19 && s.charAt(16) != ':')) {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = n == 19 ? digits(s, 17, 19) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timestamp '" + s + "' is not a valid date-time: " + e.getMessage());
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
