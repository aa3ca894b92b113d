package com.shop.cdc.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IsoInstantsTest {

    /** From before year 0 to after 9999 (where the formatter takes over), every fraction width. */
    @Property(tries = 5000)
    void writesWhatTheIsoFormatterWrites(@ForAll @LongRange(min = -62_200_000_000L, max = 253_500_000_000L) long seconds,
                                         @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                         @ForAll @IntRange(min = 0, max = 3) int truncation) {
        int unit = List.of(1, 1_000, 1_000_000, 1_000_000_000).get(truncation); // whole µs, ms and s as well
        assertSameText(Instant.ofEpochSecond(seconds, nanos / unit * unit));
    }

    @Example
    void aroundTheEdgesOfTheDigitRange() {
        for (Instant edge : List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH)) {
            for (long offset = -2; offset <= 2; offset++) {
                assertSameText(edge.plusSeconds(offset));
                assertSameText(edge.plusSeconds(offset).plusNanos(999_999_999));
            }
        }
        assertSameText(Instant.MIN);
        assertSameText(Instant.MAX);
    }

    private static void assertSameText(Instant instant) {
        assertThat(IsoInstants.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }
}
