package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever Connect encodes, the decoder gives back exactly. */
class RoundTripPropertiesTest {

    private final LogicalValues values = new LogicalValues(Corpus.JSON);

    @Property
    void decimalsRoundTrip(@ForAll BigInteger unscaled, @ForAll @IntRange(min = 0, max = 30) int scale) {
        String wire = Base64.getEncoder().encodeToString(unscaled.toByteArray()); // what Connect's Decimal writes
        assertThat(values.convert(TextNode.valueOf(wire), LogicalType.decimal(scale), "d"))
                .isEqualTo(new BigDecimal(unscaled, scale));
    }

    /** From 0001-01-01 to 9999-12-31, at microsecond precision. */
    @Property
    void microTimestampsRoundTrip(@ForAll @LongRange(min = -62135596800000000L, max = 253402300799999999L) long micros) {
        Instant decoded = (Instant) values.convert(JsonNodeFactory.instance.numberNode(micros),
                LogicalType.of(LogicalType.Kind.MICRO_TIMESTAMP), "t");
        assertThat(decoded.getEpochSecond() * 1_000_000L + decoded.getNano() / 1_000).isEqualTo(micros);
    }

    @Property
    void zonedTimestampsRoundTrip(@ForAll @LongRange(min = 0, max = 253402300799L) long seconds,
                                  @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        assertThat(values.convert(TextNode.valueOf(instant.toString()), LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP), "z"))
                .isEqualTo(instant);
    }
}
