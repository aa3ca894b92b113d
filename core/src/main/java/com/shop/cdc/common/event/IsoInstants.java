package com.shop.cdc.common.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as {@link DateTimeFormatter#ISO_INSTANT} writes it ({@code 2024-01-15T08:30:00.123456Z}: the
 * fraction in groups of three digits, as many as it needs), digit by digit for the years 0000–9999:
 * the formatter costs a fifth of writing a row as JSON. Other years go through the formatter.
 */
public final class IsoInstants {

    private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long END_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private IsoInstants() {
    }

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = "0000-00-00T00:00:00.000000000Z".toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 9, nanos); // all nine, the first fractionDigits kept
        int end = fractionDigits == 0 ? 19 : 20 + fractionDigits;
        text[end] = 'Z';
        return new String(text, 0, end + 1);
    }

    /** {@code value} in {@code count} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int count, int value) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
