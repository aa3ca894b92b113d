package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Avro topics decode to exactly what their JSON twins decode to: every captured record, written as
 * the Avro converter writes it, gives the same change (values, types, defaults, positions); and
 * what is wrong with an Avro record is a reason naming the topic's converter, never an exception.
 */
class AvroDecodingTest {

    static Stream<String> files() {
        return Stream.of("pg-default/pg", "pg-decimal-string/pg", "pg-txmeta/pg",
                "mariadb-default/mariadb", "mariadb-decimal-string/mariadb", "mariadb-txmeta/mariadb")
                .map(file -> file + ".schemas-true.jsonl");
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyCapturedRecordDecodesFromAvroAsFromJson(String file) {
        AvroRecords registry = new AvroRecords();
        Map<String, RecordDecoder> json = new java.util.HashMap<>();
        Map<String, RecordDecoder> avro = new java.util.HashMap<>();
        List<RawRecord> records = Corpus.load(file);
        for (RawRecord record : records) {
            String topic = record.origin().topic();
            Format format = format(topic);
            Decoded fromJson = json.computeIfAbsent(topic, t -> Decoders.create(format, true, Map.of(), Corpus.JSON,
                    TestDecoders.MAX_BYTES)).decode(record);
            Decoded fromAvro = avro.computeIfAbsent(topic, t -> Decoders.avro(format, registry, Corpus.JSON,
                    TestDecoders.MAX_BYTES)).decode(registry.toAvro(record));
            assertThat(fromJson).as("%s offset %d from JSON", file, record.origin().offset())
                    .isNotInstanceOf(Decoded.Failure.class);
            assertThat(fromAvro).as("%s offset %d", file, record.origin().offset()).isEqualTo(fromJson);
        }
    }

    private static Format format(String topic) {
        return switch (topic) {
            case "shop" -> Format.SCHEMA_CHANGE;
            case "shop.transaction" -> Format.TRANSACTION_METADATA;
            default -> Format.DEBEZIUM_JSON;
        };
    }

    private final AvroRecords registry = new AvroRecords();
    private final RawRecord alice = Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
    private final RecordDecoder decoder = Decoders.avro(Format.DEBEZIUM_JSON, registry, Corpus.JSON, 1 << 20);

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsADeadLetterNamingTheId() {
        RawRecord avro = registry.toAvro(alice);
        byte[] value = avro.value().clone();
        ByteBuffer.wrap(value, 1, 4).putInt(4242);
        assertThat(reason(withValue(avro, value))).contains("schema id 4242 is not registered")
                .contains("cdc.pipeline.topics.\"shop.public.users\".converter");
    }

    @Test
    void aJsonRecordOnAnAvroTopicSaysSo() {
        assertThat(reason(alice)).contains("Confluent wire format").contains("looks like JSON")
                .contains("set converter=json");
    }

    @Test
    void aCorruptBodyIsADeadLetterNotAnException() {
        RawRecord avro = registry.toAvro(alice);
        for (int cut = 5; cut < avro.value().length; cut += 7) {
            byte[] value = Arrays.copyOf(avro.value(), cut);
            assertThat(decoder.decode(withValue(avro, value))).as("cut at %d", cut).isInstanceOf(Decoded.Failure.class);
        }
        byte[] longer = Arrays.copyOf(avro.value(), avro.value().length + 3);
        assertThat(reason(withValue(avro, longer))).contains("bytes left after the Avro record");
    }

    /** A length prefix claiming a gigabyte string is refused before anything that size is allocated. */
    @Test
    void aClaimedHugeStringIsRefusedWithoutAllocatingIt() {
        Schema schema = SchemaBuilder.record("Value").fields().requiredString("email").endRecord();
        GenericData.Record user = new GenericData.Record(schema);
        user.put("email", "x");
        byte[] framed = AvroRecords.frame(registry.register(schema), schema, user);
        byte[] huge = {0, 0, 0, 0, 0, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}; // zig-zag 1 GiB
        System.arraycopy(framed, 1, huge, 1, 4);
        assertThat(reason(withValue(registry.toAvro(alice), huge))).contains("is not a valid Avro record")
                .contains("exceeds maximum allowed");
    }

    @Test
    void aRegistryThatDoesNotAnswerIsAnOutageNotADeadLetter() {
        AvroSchemas down = new AvroSchemas() {
            @Override
            public Schema byId(int id) {
                throw new RegistryUnavailableException("no answer from the test's registry", null);
            }

            @Override
            public String source() {
                return "the test's registry";
            }
        };
        RawRecord avro = registry.toAvro(alice);
        assertThatThrownBy(() -> Decoders.avro(Format.DEBEZIUM_JSON, down, Corpus.JSON, 1 << 20).decode(avro))
                .isInstanceOf(RegistryUnavailableException.class);
    }

    /** A column added mid-stream: records of both schema versions decode, the new one with the column's default. */
    @Test
    void aCompatibleSchemaChangeMidStreamNeedsNoRestart() {
        Schema v1 = SchemaBuilder.record("Value").namespace("shop.public.users").fields()
                .requiredLong("id").optionalString("email").endRecord();
        Schema v2 = SchemaBuilder.record("Value").namespace("shop.public.users").fields()
                .requiredLong("id").optionalString("email").name("tier").type().stringType().stringDefault("basic")
                .endRecord();
        assertThat(row(v1, Map.of("id", 1L, "email", "a@x.io"))).isEqualTo(Map.of("id", 1L, "email", "a@x.io"));
        Decoded.Change change = (Decoded.Change) decoder.decode(change(v2, Map.of("id", 2L, "email", "b@x.io",
                "tier", "gold")));
        assertThat(change.event().after()).containsEntry("tier", "gold");
        assertThat(change.event().defaults()).containsEntry("tier", "basic");
        assertThat(row(v1, Map.of("id", 3L, "email", "c@x.io"))).containsEntry("id", 3L);
    }

    private Map<String, Object> row(Schema value, Map<String, Object> fields) {
        return ((Decoded.Change) decoder.decode(change(value, fields))).event().after();
    }

    /** A create of {@code fields} in an envelope around {@code value}, keyed by id. */
    private RawRecord change(Schema value, Map<String, Object> fields) {
        Schema source = SchemaBuilder.record("Source").namespace("io.debezium.connector.postgresql").fields()
                .requiredString("connector").requiredString("db").requiredString("schema").requiredString("table")
                .requiredLong("ts_ms").optionalLong("lsn").endRecord();
        Schema envelope = SchemaBuilder.record("Envelope").namespace("shop.public.users").fields()
                .name("before").type().optional().type(value)
                .name("after").type().optional().type(value)
                .name("source").type(source).noDefault()
                .requiredString("op").endRecord();
        Schema key = SchemaBuilder.record("Key").namespace("shop.public.users").fields().requiredLong("id").endRecord();
        GenericRecord after = new GenericData.Record(value);
        fields.forEach(after::put);
        GenericRecord block = new GenericData.Record(source);
        block.put("connector", "postgresql");
        block.put("db", "shop_users");
        block.put("schema", "public");
        block.put("table", "users");
        block.put("ts_ms", 1_700_000_000_000L);
        block.put("lsn", 100L + (Long) fields.get("id"));
        GenericRecord record = new GenericData.Record(envelope);
        record.put("after", after);
        record.put("source", block);
        record.put("op", "c");
        GenericRecord id = new GenericData.Record(key);
        id.put("id", fields.get("id"));
        return new RawRecord(alice.origin(), AvroRecords.frame(registry.register(key), key, id),
                AvroRecords.frame(registry.register(envelope), envelope, record), Map.of());
    }

    private String reason(RawRecord record) {
        Decoded decoded = decoder.decode(record);
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        return ((Decoded.Failure) decoded).reason();
    }

    private static RawRecord withValue(RawRecord record, byte[] value) {
        return new RawRecord(record.origin(), record.key(), value, record.headers());
    }
}
