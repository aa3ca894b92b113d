package com.shop.cdc.common.reconcile;

import com.fasterxml.jackson.core.JsonFactory;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.pipeline.BatchProcessor;
import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.pipeline.Outcome;
import com.shop.cdc.common.target.JsonDocument;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.Targets;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A closer look at one key a reconciliation found out of step: the source's change as this service's
 * pipeline makes it of the record it was read from, and what a target holds under a key. Reads only
 * the service's own source topics, one record, with a consumer that joins no group.
 */
@ApplicationScoped
public class KeyLookup {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Object> kafka;
    private final ChangePipeline pipeline;
    private final List<String> topics;
    private final Map<String, TargetInventory> inventories = new LinkedHashMap<>();

    public KeyLookup(@Identifier("default-kafka-broker") Map<String, Object> kafka, ChangePipeline pipeline,
                     ReconciliationConfig config, Targets targets) {
        this.kafka = SourceReplay.groupless(kafka);
        this.kafka.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.pipeline = pipeline;
        this.topics = List.copyOf(config.topics());
        targets.writers().stream().filter(TargetInventory.class::isInstance).map(TargetInventory.class::cast)
                .forEach(inventory -> inventories.put(inventory.target(), inventory));
    }

    /**
     * One record of a source topic and what the pipeline makes of it now.
     *
     * @param outcome  {@code accepted}, {@code rejected} (with the reason a dead letter would give) or {@code skipped}
     * @param row      the row the change leaves, as the JSON targets render it; null for a delete
     * @param keys     per target, the key the change is kept under there
     */
    public record SourceChange(String topic, int partition, long offset, Instant timestamp, String outcome,
                               String reason, String table, String operation, Long position, String row,
                               Map<String, String> keys) {
    }

    /** Empty when the topic is not one of this service's sources or the record is no longer (or not yet) there. */
    public Optional<SourceChange> source(String topic, int partition, long offset) {
        if (!topics.contains(topic)) {
            return Optional.empty();
        }
        TopicPartition at = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(topic, WAIT).stream().noneMatch(p -> p.partition() == partition)
                    || offset < consumer.beginningOffsets(List.of(at), WAIT).get(at)
                    || offset >= consumer.endOffsets(List.of(at), WAIT).get(at)) {
                return Optional.empty();
            }
            consumer.assign(List.of(at));
            consumer.seek(at, offset);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    // a compacted topic may have dropped the offset: the next record is another change
                    return record.offset() == offset ? Optional.of(describe(record)) : Optional.empty();
                }
            }
            throw new TargetUnavailableException(SourceReplay.KAFKA,
                    new IllegalStateException("no answer for " + at + " within " + WAIT.toSeconds() + " s"));
        } catch (KafkaException e) {
            throw new TargetUnavailableException(SourceReplay.KAFKA, e);
        }
    }

    /** Empty when this service has no such target (or the target keeps nothing under the key). */
    public Optional<TargetRow> target(String target, String key) {
        TargetInventory inventory = inventories.get(target);
        return inventory == null ? Optional.empty() : inventory.read(key);
    }

    private SourceChange describe(ConsumerRecord<byte[], byte[]> record) {
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        Outcome outcome = pipeline.process(BatchProcessor.raw(record));
        if (outcome instanceof Outcome.Accepted accepted) {
            ChangeEvent change = accepted.event();
            Map<String, String> keys = new LinkedHashMap<>();
            inventories.values().forEach(inventory -> inventory.keyOf(change)
                    .ifPresent(key -> keys.put(inventory.target(), key)));
            String row = change.operation() == Operation.DELETE || change.operation() == Operation.TRUNCATE ? null
                    : JsonDocument.json(change.after(), JSON);
            return new SourceChange(record.topic(), record.partition(), record.offset(), timestamp, "accepted", null,
                    change.table().qualifiedName(), change.operation().name(), change.position().value(), row, keys);
        }
        String reason = outcome instanceof Outcome.Rejected rejected ? rejected.reason() : null;
        return new SourceChange(record.topic(), record.partition(), record.offset(), timestamp,
                reason == null ? "skipped" : "rejected", reason, null, null, null, null, Map.of());
    }
}
