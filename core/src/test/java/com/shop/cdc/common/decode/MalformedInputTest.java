package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.event.KafkaCoordinates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad bytes become a typed failure with a reason: never an exception, a hang or an OOM. */
class MalformedInputTest {

    private static final KafkaCoordinates ORIGIN = new KafkaCoordinates("shop.public.users", 0, 7, 0);
    private static final String SOURCE = "\"source\":{\"connector\":\"postgresql\",\"db\":\"shop\",\"schema\":\"public\","
            + "\"table\":\"users\",\"ts_ms\":1,\"lsn\":10,\"snapshot\":\"false\"}";

    static Stream<Arguments> malformed() {
        byte[] valid = ("{\"op\":\"c\",\"after\":{\"id\":1}," + SOURCE + "}").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("invalid JSON", "{\"op\":".getBytes(StandardCharsets.UTF_8), "not valid JSON"),
                Arguments.of("truncated bytes", Arrays.copyOf(valid, valid.length / 2), "not valid JSON"),
                Arguments.of("binary garbage", new byte[] {0, (byte) 0xff, 0x13, 0x37}, "not valid JSON"),
                Arguments.of("invalid UTF-8", "{\"op\":\"c\",\"after\":{\"id\":\"\u00ff\"}}".getBytes(StandardCharsets.ISO_8859_1), "not valid JSON"),
                Arguments.of("an array envelope", "[1,2]".getBytes(StandardCharsets.UTF_8), "should be an object"),
                Arguments.of("unknown op", ("{\"op\":\"x\",\"after\":{\"id\":1}," + SOURCE + "}").getBytes(StandardCharsets.UTF_8), "unknown op 'x'"),
                Arguments.of("no op", ("{\"after\":{\"id\":1}," + SOURCE + "}").getBytes(StandardCharsets.UTF_8), "no 'op'"),
                Arguments.of("missing source", "{\"op\":\"c\",\"after\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8), "no 'source'"),
                Arguments.of("create without after",
                        ("{\"op\":\"c\",\"after\":null," + SOURCE + "}").getBytes(StandardCharsets.UTF_8), "without 'after'"),
                Arguments.of("a row that is not an object",
                        ("{\"op\":\"c\",\"after\":5," + SOURCE + "}").getBytes(StandardCharsets.UTF_8), "should be an object"),
                Arguments.of("unknown connector",
                        "{\"op\":\"c\",\"after\":{\"id\":1},\"source\":{\"connector\":\"oracle\",\"ts_ms\":1}}"
                                .getBytes(StandardCharsets.UTF_8), "unknown source connector"),
                Arguments.of("empty value", new byte[0], "empty"),
                Arguments.of("deep nesting", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void failsWithAReason(String what, byte[] value, String reason) {
        Decoded decoded = decoder(false, Map.of()).decode(new RawRecord(ORIGIN, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), value, Map.of()));
        assertThat(decoded).as(what).isInstanceOf(Decoded.Failure.class);
        Decoded.Failure failure = (Decoded.Failure) decoded;
        assertThat(failure.reason()).contains(reason);
        assertThat(failure.origin()).isEqualTo(ORIGIN);
    }

    @Test
    void aTenMegabyteValueIsRefusedBeforeParsing() {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) '[');
        Decoded decoded = decoder(false, Map.of()).decode(new RawRecord(ORIGIN, null, huge, Map.of()));
        assertThat(((Decoded.Failure) decoded).reason()).contains("exceeds the limit of 8388608 bytes");
    }

    @Test
    void aDecimalWhoseSchemaHasNoScaleNamesTheField() {
        String value = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"after\",\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"balance\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\"}]}]},"
                + "\"payload\":{\"op\":\"c\",\"after\":{\"balance\":\"AlHy\"}," + SOURCE + "}}";
        String key = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"}]},\"payload\":{\"id\":1}}";
        Decoded decoded = decoder(true, Map.of()).decode(new RawRecord(ORIGIN, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), Map.of()));
        Decoded.Failure failure = (Decoded.Failure) decoded;
        assertThat(failure.field()).isEqualTo("balance");
        assertThat(failure.reason()).contains("no scale");
    }

    @ParameterizedTest(name = "{0} holding {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "int32|\"many\"", "int64|1.5", "boolean|3", "array|{}", "struct|[]", "map|\"x\""})
    void aValueOfAnotherKindThanItsSchemaTypeNamesTheField(String type, String json) {
        String value = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"after\",\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"points\",\"type\":\"" + type + "\",\"fields\":[],\"items\":{\"type\":\"int32\"}}]}]},"
                + "\"payload\":{\"op\":\"c\",\"after\":{\"points\":" + json + "}," + SOURCE + "}}";
        Decoded decoded = decoder(true, Map.of()).decode(new RawRecord(ORIGIN, null, value.getBytes(StandardCharsets.UTF_8),
                Map.of()));
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        assertThat(((Decoded.Failure) decoded).field()).isEqualTo("points");
        assertThat(((Decoded.Failure) decoded).reason()).contains("should be " + type);
    }

    @Test
    void aConfiguredTypeThatDoesNotFitNamesTheField() {
        byte[] value = ("{\"op\":\"c\",\"after\":{\"id\":1,\"balance\":12.5}," + SOURCE + "}").getBytes(StandardCharsets.UTF_8);
        Decoded decoded = decoder(false, Map.of("balance", LogicalType.of(LogicalType.Kind.DATE)))
                .decode(new RawRecord(ORIGIN, "{\"id\":1}".getBytes(StandardCharsets.UTF_8), value, Map.of()));
        assertThat(((Decoded.Failure) decoded).field()).isEqualTo("balance");
    }

    @Test
    void schemasEnabledButNoWrapper() {
        byte[] value = ("{\"op\":\"c\",\"after\":{\"id\":1}," + SOURCE + "}").getBytes(StandardCharsets.UTF_8);
        Decoded decoded = decoder(true, Map.of()).decode(new RawRecord(ORIGIN, null, value, Map.of()));
        assertThat(((Decoded.Failure) decoded).reason()).contains("{schema, payload}");
    }

    @Test
    void aRecordWithNeitherKeyNorValue() {
        Decoded decoded = decoder(false, Map.of()).decode(new RawRecord(ORIGIN, null, null, Map.of()));
        assertThat(((Decoded.Failure) decoded).reason()).contains("neither key nor value");
    }

    @Test
    void aDecimalWithoutScaleIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogicalType.parse("decimal"))
                .hasMessageContaining("needs its scale");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogicalType.parse("money"))
                .hasMessageContaining("unknown field type 'money'");
    }

    private static RecordDecoder decoder(boolean schemas, Map<String, LogicalType> types) {
        return Decoders.create(Format.DEBEZIUM_JSON, schemas, types, Corpus.JSON, TestDecoders.MAX_BYTES);
    }
}
