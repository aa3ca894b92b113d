package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.event.KafkaCoordinates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One rule for every target: a date or time no target can hold faithfully (outside the years
 * 0001..9999) is a decode failure naming the field, the value found and the range; PostgreSQL's
 * ±infinity stays {@link Infinity}.
 */
class TimeRangeTest {

    private final LogicalValues values = new LogicalValues(Corpus.JSON);

    @Test
    void aDateOfIntMaxDaysIsRejectedNotWrittenAsTheYear5881580() {
        RawRecord alice = CorpusEdits.editValue(Corpus.load("pg-default/pg.schemas-true.jsonl").get(0),
                value -> ((ObjectNode) value.path("payload").path("after")).put("birth_date", Integer.MAX_VALUE));
        Decoded decoded = TestDecoders.forTopic("shop.public.users", true, false).decode(alice);
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        Decoded.Failure failure = (Decoded.Failure) decoded;
        assertThat(failure.field()).isEqualTo("birth_date");
        assertThat(failure.reason()).contains("birth_date", "2147483647", "0001-01-01", "9999-12-31");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"DATE,2932897", "DATE,-719163", "DATE,2147483647", "DATE,-2147483648",
            "TIMESTAMP,253402300800000", "TIMESTAMP,-62135596800001", "TIMESTAMP,9223372036854775807",
            "MICRO_TIMESTAMP,253402300800000000", "MICRO_TIMESTAMP,-62135596800000001",
            "TIMESTAMP,-9223372036854775808"})
    void outsideTheYears0001To9999IsAFailureNamingFieldValueAndRange(LogicalType.Kind kind, long wire) {
        assertThat(failure(Corpus.JSON.getNodeFactory().numberNode(wire), kind))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("'d'").hasMessageContaining(Long.toString(wire)).hasMessageContaining("9999-12-31");
    }

    @ParameterizedTest
    @CsvSource({"+10000-01-01T00:00:00Z", "0000-12-31T23:59:59.999999Z", "-0001-06-01T00:00:00Z",
            "9999-12-31T23:30:00-01:00"})
    void zonedTimestampsOutsideTheRange(String wire) {
        assertThat(failure(TextNode.valueOf(wire), LogicalType.Kind.ZONED_TIMESTAMP))
                .hasMessageContaining(wire).hasMessageContaining("0001-01-01").hasMessageContaining("9999-12-31");
    }

    @Test
    void theBoundsThemselvesAndInfinityAreKept() {
        assertThat(convert(-719162, LogicalType.Kind.DATE)).isEqualTo(LocalDate.parse("0001-01-01"));
        assertThat(convert(2932896, LogicalType.Kind.DATE)).isEqualTo(LocalDate.parse("9999-12-31"));
        assertThat(convert(-62135596800000000L, LogicalType.Kind.MICRO_TIMESTAMP)).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(convert(253402300799999999L, LogicalType.Kind.MICRO_TIMESTAMP)).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(convert(LogicalValues.POSITIVE_INFINITY_DATE, LogicalType.Kind.DATE)).isEqualTo(Infinity.POSITIVE);
        assertThat(convert(LogicalValues.NEGATIVE_INFINITY_TIMESTAMP, LogicalType.Kind.MICRO_TIMESTAMP)).isEqualTo(Infinity.NEGATIVE);
        assertThat(values.convert(TextNode.valueOf("infinity"), LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP), "d"))
                .isEqualTo(Infinity.POSITIVE);
    }

    /** PostgreSQL's time '24:00:00' and overflowing multiples have no LocalTime: a reason, not Java's message. */
    @ParameterizedTest
    @CsvSource({"MICRO_TIME,86400000000", "TIME,-1", "MICRO_TIME,9223372036854775", "NANO_TIME,86400000000000"})
    void timesOfDayOutsideTheDay(LogicalType.Kind kind, long wire) {
        assertThat(failure(Corpus.JSON.getNodeFactory().numberNode(wire), kind))
                .hasMessageContaining(Long.toString(wire)).hasMessageContaining("midnight")
                .hasMessageNotContaining("NanoOfDay");
        assertThat(convert(86399999999L, LogicalType.Kind.MICRO_TIME)).isEqualTo(LocalTime.parse("23:59:59.999999"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"$date\": 253402300800000}", "{\"$date\": \"+10000-01-01T00:00:00Z\"}",
            "{\"$date\": {\"$numberLong\": \"-62135596800001\"}}"})
    void mongoDatesFollowTheSameRule(String date) {
        String after = "{\\\"_id\\\": 1, \\\"launched\\\": " + date.replace("\"", "\\\"") + "}";
        RawRecord record = new RawRecord(new KafkaCoordinates("shop.catalog.products", 0, 1, 0),
                "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"op\":\"c\",\"after\":\"" + after + "\",\"source\":{\"connector\":\"mongodb\",\"db\":\"shop\","
                        + "\"collection\":\"products\",\"ts_ms\":1000,\"ord\":1,\"snapshot\":\"false\"}}")
                        .getBytes(StandardCharsets.UTF_8), Map.of());
        Decoded decoded = Decoders.create(Format.DEBEZIUM_MONGODB, false, Map.of(), Corpus.JSON, 1 << 20).decode(record);
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        assertThat(((Decoded.Failure) decoded).field()).isEqualTo("launched");
        assertThat(((Decoded.Failure) decoded).reason()).contains("launched", "9999-12-31");
    }

    private Object convert(long wire, LogicalType.Kind kind) {
        return values.convert(Corpus.JSON.getNodeFactory().numberNode(wire), LogicalType.of(kind), "d");
    }

    private Throwable failure(com.fasterxml.jackson.databind.JsonNode wire, LogicalType.Kind kind) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> values.convert(wire, LogicalType.of(kind), "d"));
    }
}
