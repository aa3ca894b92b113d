package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A schema is checked whatever the values: an invalid field schema rejects every record carrying
 * it, also when that field's value is null, so a bad schema never slips through on a lucky row.
 */
class SchemaContractTest {

    static Stream<Arguments> invalidSchemas() {
        return Stream.of(
                Arguments.of("Decimal without scale", "balance", (Consumer<ObjectNode>) f -> f.remove("parameters"), "scale"),
                Arguments.of("Decimal with a fractional scale", "balance",
                        (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("parameters")).put("scale", "2.5"), "2.5"),
                Arguments.of("Decimal with a textual scale", "balance",
                        (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("parameters")).put("scale", "two"), "two"),
                Arguments.of("a Date that is not an int32", "birth_date", (Consumer<ObjectNode>) f -> f.put("type", "string"),
                        "int32"),
                Arguments.of("a MicroTimestamp that is not an int64", "updated_at",
                        (Consumer<ObjectNode>) f -> f.put("type", "float64"), "int64"),
                Arguments.of("an unknown Connect type", "full_name", (Consumer<ObjectNode>) f -> f.put("type", "varchar"),
                        "varchar"),
                Arguments.of("an array without items", "tags", (Consumer<ObjectNode>) f -> f.remove("items"), "items"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void anInvalidFieldSchemaRejectsTheRecordEvenWhenItsValueIsNull(String what, String field, Consumer<ObjectNode> breakIt,
                                                                     String found) {
        RawRecord alice = Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
        RawRecord broken = CorpusEdits.editValue(alice, value -> {
            CorpusEdits.bothImages(value, field, breakIt);
            ((ObjectNode) value.path("payload").path("after")).putNull(field);
        });
        // a fresh decoder (full parse), and one that remembered the valid schema first (the streamed path)
        RecordDecoder remembering = TestDecoders.forTopic("shop.public.users", true, false);
        remembering.decode(alice);
        for (RecordDecoder decoder : List.of(TestDecoders.forTopic("shop.public.users", true, false), remembering)) {
            for (int i = 0; i < 2; i++) { // and again, once the broken schema is the remembered one
                Decoded decoded = decoder.decode(broken);
                assertThat(decoded).as(what).isInstanceOf(Decoded.Failure.class);
                Decoded.Failure failure = (Decoded.Failure) decoded;
                assertThat(failure.field()).isEqualTo(field);
                assertThat(failure.reason()).contains("'" + field + "'", found);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void aDeleteCarryingTheInvalidSchemaIsRejectedToo(String what, String field, Consumer<ObjectNode> breakIt, String found) {
        RawRecord delete = Corpus.load("pg-default/pg.schemas-true.jsonl").get(10); // before only, after null
        RawRecord broken = CorpusEdits.editValue(delete, value -> CorpusEdits.bothImages(value, field, breakIt));
        Decoded decoded = TestDecoders.forTopic("shop.public.users", true, false).decode(broken);
        assertThat(decoded).as(what).isInstanceOf(Decoded.Failure.class);
        assertThat(((Decoded.Failure) decoded).reason()).contains(found);
    }
}
