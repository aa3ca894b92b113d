package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.shop.cdc.common.event.KafkaCoordinates;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every decode failure says what was expected, what was found and which property governs it:
 * never an internal exception's text, which stays only as the failure's error class.
 */
class HumanReasonTest {

    private static final String INTERNAL = "(?s).*(Exception|Cannot invoke|because \"|Illegal base64|Rounding necessary"
            + "|Character .* is neither|For input string).*";

    /** The 23 records of a schemaless converter on a topic configured with schemas: key and value bare. */
    @Test
    void aBarePayloadOnATopicWithSchemasNamesTheWrapperThePropertyAndTheFix() {
        RawRecord alice = Corpus.load("pg-default/pg.schemas-false.jsonl").get(0);
        Decoded.Failure failure = failure(TestDecoders.forTopic("shop.public.users", true, false).decode(alice));
        assertThat(failure.reason()).doesNotMatch(INTERNAL)
                .contains("{schema, payload}", "cdc.pipeline.topics.\"shop.public.users\".schemas", "schemas=false",
                        "schemas.enable=false", "the key", "found an object with fields [id]");
        assertThat(failure.cause()).isNull();
    }

    @Test
    void aBareValueBehindAWrappedKey() {
        RawRecord alice = Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
        RawRecord bare = new RawRecord(alice.origin(), alice.key(),
                Corpus.load("pg-default/pg.schemas-false.jsonl").get(0).value(), alice.headers());
        Decoded.Failure failure = failure(TestDecoders.forTopic("shop.public.users", true, false).decode(bare));
        assertThat(failure.reason()).doesNotMatch(INTERNAL).contains("{schema, payload}", "[before, after, source, transaction, op");
    }

    @Test
    void aNullSchemaIsNotAnEmptyRow() {
        RawRecord alice = CorpusEdits.editValue(Corpus.load("pg-default/pg.schemas-true.jsonl").get(0),
                value -> value.putNull("schema"));
        Decoded.Failure failure = failure(TestDecoders.forTopic("shop.public.users", true, false).decode(alice));
        assertThat(failure.reason()).doesNotMatch(INTERNAL).contains("schema", "null", "struct");
    }

    @ParameterizedTest(name = "{1} holding {0}")
    @CsvSource({"!!!!,balance", "AlHy,birth_date", "not json,preferences", "2024-13-45T00:00:00Z,created_at"})
    void aValueThatDoesNotFitItsSchemaSaysWhatWasExpected(String wire, String field) {
        RawRecord alice = CorpusEdits.editValue(Corpus.load("pg-default/pg.schemas-true.jsonl").get(0),
                value -> ((ObjectNode) value.path("payload").path("after")).set(field, TextNode.valueOf(wire)));
        Decoded.Failure failure = failure(TestDecoders.forTopic("shop.public.users", true, false).decode(alice));
        assertThat(failure.field()).isEqualTo(field);
        assertThat(failure.reason()).doesNotMatch(INTERNAL).contains("'" + field + "'", "should be", "found", wire);
    }

    @Test
    void aConfiguredFieldTypeNamesItsProperty() {
        RawRecord alice = Corpus.load("pg-default/pg.schemas-false.jsonl").get(0);
        Decoded decoded = Decoders.create(Format.DEBEZIUM_JSON, false,
                Map.of("balance", LogicalType.decimal(2), "country", LogicalType.of(LogicalType.Kind.DATE)),
                Corpus.JSON, 1 << 20).decode(alice);
        Decoded.Failure failure = failure(decoded);
        assertThat(failure.reason()).doesNotMatch(INTERNAL)
                .contains("'country'", "cdc.pipeline.topics.\"shop.public.users\".fields.country");
    }

    @Test
    void decimalNumbersWithMoreFractionDigitsThanTheScale() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new LogicalValues(Corpus.JSON)
                .convert(Corpus.JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1.234")), LogicalType.decimal(2), "d")))
                .hasMessageNotContaining("Rounding").hasMessageContaining("1.234").hasMessageContaining("scale 2");
    }

    @Test
    void anInternalErrorOfADecoderStillGivesAHumanReasonAndKeepsItsClass() {
        RecordDecoder failing = record -> {
            String missing = null;
            return Decoded.Failure.of(missing.trim(), record.origin()); // a decoder's bug
        };
        RawRecord record = new RawRecord(new KafkaCoordinates("shop.public.users", 2, 9, 0),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        Decoded.Failure failure = failure(new GuardedDecoder(failing, 1 << 20, Format.DEBEZIUM_JSON).decode(record));
        assertThat(failure.reason()).doesNotMatch(INTERNAL).contains("decode", "debezium-json", "{\"op\":\"c\"}");
        assertThat(failure.cause()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invalidJsonIsTheParsersFindingWithoutItsExceptionWording() {
        RecordDecoder decoder = TestDecoders.forTopic("shop.public.users", true, false);
        for (String value : List.of("{\"op\":", "[".repeat(5000) + "]".repeat(5000), "{\"op\" \"c\"}")) {
            Decoded.Failure failure = failure(decoder.decode(new RawRecord(new KafkaCoordinates("shop.public.users", 0, 1, 0),
                    null, value.getBytes(StandardCharsets.UTF_8), Map.of())));
            assertThat(failure.reason()).contains("not valid JSON")
                    .doesNotContain("[Source", "StreamRead", "REDACTED").doesNotMatch(INTERNAL);
            assertThat(failure.reason()).matches(value.length() > 100 ? "(?s).*nesting depth.*" : "(?s).*line 1, column.*");
        }
    }

    @Test
    void aSourcePositionThatIsNotANumber() {
        RawRecord alice = CorpusEdits.editValue(Corpus.load("pg-default/pg.schemas-true.jsonl").get(0),
                value -> ((ObjectNode) value.path("payload").path("source")).put("lsn", "0/16B3748"));
        Decoded.Failure failure = failure(TestDecoders.forTopic("shop.public.users", true, false).decode(alice));
        assertThat(failure.field()).isEqualTo("source.lsn");
        assertThat(failure.reason()).doesNotMatch(INTERNAL).contains("0/16B3748");
    }

    private static Decoded.Failure failure(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        return (Decoded.Failure) decoded;
    }
}
