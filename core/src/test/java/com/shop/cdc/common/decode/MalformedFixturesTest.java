package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code corpus/malformed/}: captured records with one deliberate fault each, and what its rejection
 * must say ({@code malformed}: the field at fault and words of the reason). None may pass, and no
 * reason may be an exception's text.
 */
class MalformedFixturesTest {

    private static final String FILE = "malformed/users.schemas-true.jsonl";
    private static final String INTERNAL = "(?s).*(Exception|Cannot invoke|because \"|Illegal base64).*";

    static Stream<Arguments> fixtures() throws IOException {
        List<JsonNode> expectations = new ArrayList<>();
        try (var in = MalformedFixturesTest.class.getResourceAsStream("/corpus/" + FILE)) {
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().filter(line -> !line.isBlank())
                    .forEach(line -> expectations.add(read(line).get("malformed")));
        }
        List<RawRecord> records = Corpus.load(FILE);
        return IntStream.range(0, records.size())
                .mapToObj(i -> Arguments.of(expectations.get(i).get("what").asText(), records.get(i), expectations.get(i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void isRejectedWithAReasonForAPerson(String what, RawRecord record, JsonNode expected) {
        Decoded decoded = TestDecoders.forTopic(record.origin().topic(), true, false).decode(record);
        assertThat(decoded).as(what).isInstanceOf(Decoded.Failure.class);
        Decoded.Failure failure = (Decoded.Failure) decoded;
        assertThat(failure.field()).isEqualTo(expected.get("field").isNull() ? null : expected.get("field").asText());
        expected.get("contains").forEach(words -> assertThat(failure.reason()).contains(words.asText()));
        assertThat(failure.reason()).doesNotMatch(INTERNAL);
        assertThat(failure.cause()).isNull();
    }

    private static JsonNode read(String line) {
        try {
            return Corpus.JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
