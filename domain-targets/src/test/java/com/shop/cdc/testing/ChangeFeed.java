package com.shop.cdc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the channel {@code changes} through the in-memory connector with batches as the Kafka
 * connector delivers them (a {@link ConsumerRecords} with topic, partition, offset, timestamp and
 * headers per record, so that dead letters keep their coordinates), and waits for the service's
 * acknowledgement: given once every target has the batch and its dead letters are kept. Shared by
 * the domain sinks' service tests.
 */
public final class ChangeFeed {

    /** Offsets of this run's own, so that the ledger (one row per service and record) never meets an earlier run's. */
    private static final AtomicLong OFFSETS = new AtomicLong(System.currentTimeMillis() * 10);
    /** The dead-letter topic may be waiting for a broker another test stops for a minute. */
    private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofMinutes(3);

    private final InMemoryConnector connector;

    public ChangeFeed(InMemoryConnector connector) {
        this.connector = connector;
    }

    /** A change to send: its topic, key and value bytes (null for a tombstone) and text headers. */
    public interface Fed {
        String topic();

        byte[] keyBytes();

        byte[] valueBytes();

        Map<String, String> headers();
    }

    /** A record as sent: the offset that names it in the ledger. */
    public record Sent(String topic, long offset) {
    }

    /** Sends the changes as one batch, in order, and returns once the service acknowledged it. */
    public List<Sent> batch(Fed... changes) {
        List<Sent> sent = new ArrayList<>();
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        for (Fed change : changes) {
            sent.add(add(records, change.topic(), change.keyBytes(), change.valueBytes(), change.headers()));
        }
        send(records);
        return sent;
    }

    /** Sends one record whose value is the given bytes, alone in its batch. */
    public Sent raw(String topic, byte[] key, byte[] value) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        Sent sent = add(records, topic, key, value, Map.of());
        send(records);
        return sent;
    }

    private static Sent add(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records, String topic, byte[] key,
                            byte[] value, Map<String, String> headers) {
        long offset = OFFSETS.getAndIncrement();
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, text) -> kafkaHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        records.computeIfAbsent(new TopicPartition(topic, 0), p -> new ArrayList<>()).add(new ConsumerRecord<>(topic, 0,
                offset, System.currentTimeMillis(), TimestampType.CREATE_TIME, key == null ? -1 : key.length,
                value == null ? -1 : value.length, key, value, kafkaHeaders, Optional.empty()));
        return new Sent(topic, offset);
    }

    private void send(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records) {
        AtomicReference<String> outcome = new AtomicReference<>();
        connector.source("changes").send(Message.of(new ConsumerRecords<>(records, Map.of()), () -> {
            outcome.set("acknowledged");
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            outcome.set("failed: " + reason);
            return CompletableFuture.completedFuture(null);
        }));
        await().atMost(ACKNOWLEDGED_WITHIN).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isEqualTo("acknowledged");
    }
}
