package com.shop.cdc.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.Decoded;
import com.shop.cdc.common.decode.Decoders;
import com.shop.cdc.common.decode.Format;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.decode.RecordDecoder;
import com.shop.cdc.common.decode.RegistryClient;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The same PostgreSQL changes captured twice by Debezium on the stack's Connect worker, once through
 * Kafka's JsonConverter (shop.public.users) and once through Apicurio's Avro converter and the
 * registry (avro.public.users), decode to equal changes: every value, type, default, position and
 * TOAST placeholder, but for the Kafka coordinates and the one thing the Avro converter changes on its
 * way (a NULL in a column with a default, written as the default). A Quarkus test of AvroUsersIT's
 * profile only so that its JDBC driver is loaded where the other tests load theirs (see
 * {@link StackClients#postgres}).
 */
@QuarkusTest
@TestProfile(AvroUsersIT.AvroTopic.class)
class AvroJsonTwinsIT {

    private static final int WAIT_SECONDS = 90;

    @Test
    void theSameChangesDecodeEquallyFromJsonAndFromAvro() throws Exception {
        String run = "twins-" + Long.toString(System.nanoTime(), 36);
        List<Long> ids = new ArrayList<>();
        try (Connection source = AvroUsersIT.source(); Statement sql = source.createStatement()) {
            ids.add(AvroUsersIT.insert(source, run + ".one@example.com", "98765.43"));
            ids.add(AvroUsersIT.insert(source, run + ".two@example.com", null));
            sql.execute("UPDATE public.users SET loyalty_points = NULL, full_name = 'Ω' WHERE id = " + ids.get(0));
            sql.execute("DELETE FROM public.users WHERE id = " + ids.get(1));
        }
        ObjectMapper json = new ObjectMapper();
        RecordDecoder fromJson = Decoders.create(Format.DEBEZIUM_JSON, true, Map.of(), json, 8 << 20);
        RecordDecoder fromAvro = Decoders.avro(Format.DEBEZIUM_JSON, new RegistryClient(
                URI.create("http://127.0.0.1:8085/apis/ccompat/v7"), Duration.ofSeconds(10), Optional.empty(), json),
                json, 8 << 20);
        // two creates, an update, a delete and its tombstone
        Map<String, Decoded> jsonChanges = changes("shop.public.users", fromJson, Set.copyOf(ids), 5);
        Map<String, Decoded> avroChanges = changes("avro.public.users", fromAvro, Set.copyOf(ids), 5);

        assertThat(jsonChanges).hasSize(5);
        Map<String, Decoded> expected = new HashMap<>();
        jsonChanges.forEach((change, decoded) -> expected.put(change, nullsAsDefaults(decoded)));
        assertThat(avroChanges).isEqualTo(expected);
    }

    /** The decoded changes of the given users on a topic, by key, operation and position; their coordinates left out. */
    private static Map<String, Decoded> changes(String topic, RecordDecoder decoder, Set<Long> ids, int wanted) {
        Map<String, Decoded> found = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records = StackClients.read(topic, record -> {
            Decoded decoded = decoder.decode(raw(record));
            // a truncate's key is empty
            return key(decoded).map(key -> key.get("id") instanceof Number id && ids.contains(id.longValue())).orElse(false);
        }, wanted, Duration.ofSeconds(WAIT_SECONDS));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Decoded decoded = withoutCoordinates(decoder.decode(raw(record)));
            found.put(identity(decoded), decoded);
        }
        return found;
    }

    /**
     * The one difference the converters make: Apicurio's Avro converter (2.6) writes a column's declared
     * default where the value is NULL, having no setting like Confluent's ignore.default.for.nullables.
     * So the Avro twin of a NULL in a column with a default is that default (docs/schema-registry.md).
     */
    private static Decoded nullsAsDefaults(Decoded decoded) {
        if (!(decoded instanceof Decoded.Change change)) {
            return decoded;
        }
        ChangeEvent e = change.event();
        return new Decoded.Change(e.withImages(nullsAsDefaults(e.before(), e.defaults()), nullsAsDefaults(e.after(), e.defaults())));
    }

    private static Map<String, Object> nullsAsDefaults(Map<String, Object> row, Map<String, Object> defaults) {
        if (row == null) {
            return null;
        }
        Map<String, Object> replaced = new java.util.LinkedHashMap<>(row);
        defaults.forEach((field, value) -> {
            if (replaced.containsKey(field) && replaced.get(field) == null) {
                replaced.put(field, value);
            }
        });
        return replaced;
    }

    private static Optional<Map<String, Object>> key(Decoded decoded) {
        if (decoded instanceof Decoded.Change change) {
            return Optional.of(change.event().key());
        }
        return decoded instanceof Decoded.Tombstone tombstone ? Optional.of(tombstone.key()) : Optional.empty();
    }

    private static String identity(Decoded decoded) {
        return decoded instanceof Decoded.Change change
                ? change.event().key() + " " + change.event().operation() + " " + change.event().position()
                : "tombstone " + key(decoded).orElseThrow();
    }

    private static Decoded withoutCoordinates(Decoded decoded) {
        KafkaCoordinates none = new KafkaCoordinates("", 0, 0, 0);
        if (decoded instanceof Decoded.Change change) {
            ChangeEvent e = change.event();
            return new Decoded.Change(new ChangeEvent(e.table(), e.key(), e.operation(), e.before(), e.after(),
                    e.position(), e.sourceTimestamp(), e.transaction(), e.snapshot(), none, e.headers(), e.defaults()));
        }
        return decoded instanceof Decoded.Tombstone tombstone ? new Decoded.Tombstone(tombstone.key(), none) : decoded;
    }

    private static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
        return new RawRecord(new KafkaCoordinates(record.topic(), record.partition(), record.offset(), record.timestamp()),
                record.key(), record.value(), Map.of());
    }
}
