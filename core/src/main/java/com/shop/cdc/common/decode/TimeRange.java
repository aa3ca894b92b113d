package com.shop.cdc.common.decode;

import com.shop.cdc.common.event.Infinity;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates and instants every target holds faithfully: the years 0001 to 9999, what Snowflake's
 * date and timestamp types and ISO-8601 without an expanded year hold. A value outside is a decode
 * failure, one rule for all targets, rather than the year +5881580 in Redis and {@code infinity} in
 * the warehouse; PostgreSQL's ±infinity sentinels are recognised before and stay {@link Infinity}.
 */
final class TimeRange {

    static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final long FIRST_EPOCH_DAY = FIRST_DAY.toEpochDay();
    private static final long LAST_EPOCH_DAY = LAST_DAY.toEpochDay();
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final String DATES = "a date from 0001-01-01 to 9999-12-31, the range every target holds";
    private static final String INSTANTS = "a timestamp from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (UTC), "
            + "the range every target holds";

    private TimeRange() {
    }

    /** The day {@code days} after 1970-01-01, or a failure naming the field, the value and the range. */
    static LocalDate epochDay(long days, String field) {
        if (days < FIRST_EPOCH_DAY || days > LAST_EPOCH_DAY) {
            throw new DecodeException("field '" + field + "' should be " + DATES + "; found " + days
                    + " days since 1970-01-01" + meaning(days), field);
        }
        return LocalDate.ofEpochDay(days);
    }

    /** The instant, if in range; {@code found} words the wire value it came from. */
    static Instant instant(Instant instant, String field, String found) {
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw new DecodeException("field '" + field + "' should be " + INSTANTS + "; found " + found
                    + (found.contains(instant.toString()) ? "" : ", which is " + instant), field);
        }
        return instant;
    }

    private static String meaning(long days) {
        try {
            return ", which is " + LocalDate.ofEpochDay(days);
        } catch (RuntimeException e) {
            return ""; // beyond even LocalDate: the count says enough
        }
    }
}
