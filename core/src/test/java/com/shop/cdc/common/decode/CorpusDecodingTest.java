package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record of every captured file decodes, and the operations add up to what the sources did. */
class CorpusDecodingTest {

    static Stream<Arguments> files() {
        return Stream.of("pg-default/pg", "pg-decimal-string/pg", "pg-txmeta/pg",
                        "mariadb-default/mariadb", "mariadb-decimal-string/mariadb", "mariadb-txmeta/mariadb")
                .flatMap(file -> Stream.of(Arguments.of(file + ".schemas-true.jsonl", true),
                        Arguments.of(file + ".schemas-false.jsonl", false)));
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyRecordDecodes(String file, boolean schemas) {
        List<RawRecord> records = Corpus.load(file);
        assertThat(records).isNotEmpty();
        for (RawRecord record : records) {
            Decoded decoded = TestDecoders.forTopic(record.origin().topic(), schemas, file.contains("decimal-string"))
                    .decode(record);
            assertThat(decoded).as("%s offset %d", file, record.origin().offset())
                    .isNotInstanceOf(Decoded.Failure.class);
        }
    }

    /** One long-lived decoder reuses the parsed schema while the bytes match, across the schema changes of the run. */
    @ParameterizedTest
    @MethodSource("files")
    void aReusedSchemaDecodesExactlyAsAFullParse(String file, boolean schemas) {
        Map<String, RecordDecoder> longLived = new TreeMap<>();
        for (RawRecord record : Corpus.load(file)) {
            String topic = record.origin().topic();
            RecordDecoder reused = longLived.computeIfAbsent(topic,
                    t -> TestDecoders.forTopic(t, schemas, file.contains("decimal-string")));
            Decoded fresh = TestDecoders.forTopic(topic, schemas, file.contains("decimal-string")).decode(record);
            assertThat(reused.decode(record)).usingRecursiveComparison().isEqualTo(fresh);
            assertThat(reused.decode(record)).as("streamed behind the remembered schema").usingRecursiveComparison().isEqualTo(fresh);
        }
    }

    /**
     * A record that carries the remembered schema but a broken payload — a value of the wrong
     * type, cut short, trailing bytes — fails with the reason the full parse gives.
     */
    @ParameterizedTest
    @MethodSource("files")
    void aBrokenPayloadBehindARememberedSchemaFailsAsAFullParse(String file, boolean schemas) {
        if (!schemas) {
            return;
        }
        int failures = 0;
        for (RawRecord record : Corpus.load(file)) {
            if (record.value() == null) {
                continue;
            }
            String topic = record.origin().topic();
            RecordDecoder reused = TestDecoders.forTopic(topic, true, file.contains("decimal-string"));
            reused.decode(record);
            String value = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
            for (String broken : List.of(value.replaceFirst("(\"after\":\\{\"[a-z_]+\":)[^,{}\\[\\]]+", "$1[true]"),
                    value.substring(0, value.length() - 40) + "}", value.substring(0, value.length() - 1) + ",\"x\":1}}",
                    value.replace("\"op\":\"", "\"op\":\"z"))) {
                RawRecord bad = new RawRecord(record.origin(), record.key(),
                        broken.getBytes(java.nio.charset.StandardCharsets.UTF_8), record.headers());
                Decoded fresh = TestDecoders.forTopic(topic, true, file.contains("decimal-string")).decode(bad);
                assertThat(reused.decode(bad)).usingRecursiveComparison().isEqualTo(fresh);
                failures += fresh instanceof Decoded.Failure ? 1 : 0;
            }
        }
        assertThat(failures).isGreaterThan(Corpus.load(file).size());
    }

    @ParameterizedTest
    @MethodSource("files")
    void operationsMatchTheSourceWorkload(String file, boolean schemas) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RawRecord record : Corpus.load(file)) {
            Decoded decoded = TestDecoders.forTopic(record.origin().topic(), schemas, file.contains("decimal-string"))
                    .decode(record);
            String kind = kind(decoded, record);
            counts.merge(kind, 1, Integer::sum);
        }
        if (file.startsWith("pg")) {
            assertThat(counts).containsEntry("users READ", 5).containsEntry("users CREATE", 8)
                    .containsEntry("users UPDATE", 12).containsEntry("users DELETE", 4)
                    .containsEntry("users TRUNCATE", 1).containsEntry("shop.public.users tombstone", 4);
        } else {
            assertThat(counts).containsEntry("orders READ", 4).containsEntry("orders CREATE", 4)
                    .containsEntry("orders UPDATE", 6).containsEntry("orders DELETE", 3)
                    .containsEntry("shop.shop_orders.orders tombstone", 3)
                    .containsEntry("order_items READ", 4).containsEntry("order_items CREATE", 6)
                    .containsEntry("order_items UPDATE", 2).containsEntry("order_items DELETE", 3)
                    .containsEntry("order_items TRUNCATE", 1).containsEntry("shop.shop_orders.order_items tombstone", 3)
                    .containsEntry("ddl", 9);
        }
        if (file.equals("pg-txmeta/pg.schemas-true.jsonl")) {
            assertThat(counts).containsEntry("tx BEGIN", 17).containsEntry("tx END", 17);
        }
        if (file.equals("mariadb-txmeta/mariadb.schemas-false.jsonl")) {
            assertThat(counts).containsEntry("tx BEGIN", 17).containsEntry("tx END", 15);
        }
        assertThat(counts).doesNotContainKey("failure");
    }

    @ParameterizedTest
    @MethodSource("files")
    void positionsNeverGoBackwardsWithinATable(String file, boolean schemas) {
        Map<String, ChangeEvent> last = new TreeMap<>();
        for (RawRecord record : Corpus.load(file)) {
            if (TestDecoders.forTopic(record.origin().topic(), schemas, file.contains("decimal-string"))
                    .decode(record) instanceof Decoded.Change change) {
                ChangeEvent previous = last.put(change.event().table().table(), change.event());
                if (previous != null) {
                    assertThat(change.event().position()).as("%s after %s", change.event().position().text(),
                            previous.position().text()).isGreaterThanOrEqualTo(previous.position());
                }
                assertThat(change.event().position().value()).isPositive();
                assertThat(change.event().snapshot()).isEqualTo(change.event().operation() == Operation.READ);
            }
        }
    }

    private static String kind(Decoded decoded, RawRecord record) {
        if (decoded instanceof Decoded.Change change) {
            return change.event().table().table() + " " + change.event().operation();
        }
        if (decoded instanceof Decoded.Tombstone) {
            return record.origin().topic() + " tombstone";
        }
        if (decoded instanceof Decoded.TransactionBoundary boundary) {
            return "tx " + boundary.status();
        }
        return decoded instanceof Decoded.SchemaChange ? "ddl" : "failure";
    }
}
