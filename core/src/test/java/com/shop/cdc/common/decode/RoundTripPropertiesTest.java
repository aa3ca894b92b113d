package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** Every fraction width Debezium may write, 0 to 9 digits, read as the ISO parser reads it. */
    @Property
    void utcTimestampsReadAsTheIsoParserReadsThem(@ForAll @LongRange(min = 0, max = 253402300799L) long seconds,
                                                  @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                                  @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        String fraction = String.format("%09d", nanos).substring(0, fractionDigits);
        String text = Instant.ofEpochSecond(seconds).toString().replace("Z", fractionDigits == 0 ? "Z" : "." + fraction + "Z");
        assertThat(LogicalValues.utcInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    /** Any string of the form's shape with digits anywhere: read exactly as the ISO parser does, or left to it. */
    @Property(tries = 5000)
    void theDigitReaderNeverDisagreesWithTheIsoParser(@ForAll @IntRange(min = 0, max = 9999) int year,
                                                      @ForAll @IntRange(min = 0, max = 99) int month,
                                                      @ForAll @IntRange(min = 0, max = 99) int day,
                                                      @ForAll @IntRange(min = 0, max = 99) int hour,
                                                      @ForAll @IntRange(min = 0, max = 99) int minute,
                                                      @ForAll @IntRange(min = 0, max = 99) int second) {
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.5Z", year, month, day, hour, minute, second);
        Instant read = LogicalValues.utcInstant(text);
        Instant iso;
        try {
            iso = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            iso = null;
        }
        assertThat(read).isEqualTo(iso);
    }

    @Property
    void otherShapesAreLeftToTheIsoParser(@ForAll("otherShapes") String text) {
        assertThat(LogicalValues.utcInstant(text)).isNull();
    }

    @Provide
    Arbitrary<String> otherShapes() {
        return Arbitraries.of("2024-01-15T08:30:00.Z", "2024-01-15T08:30Z", "2024-01-15T08:30:00+01:00",
                "+12024-01-15T08:30:00Z", "2024-01-15 08:30:00Z", "2024-01-15T08:30:00.1234567890Z",
                "2024-02-30T08:30:00Z", "2023-02-29T00:00:00Z", "2024-01-15T24:00:00Z", "2024-01-15T23:59:60Z",
                "2024-1a-15T08:30:00Z", "infinity");
    }
}
