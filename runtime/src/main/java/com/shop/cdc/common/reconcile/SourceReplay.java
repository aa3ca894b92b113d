package com.shop.cdc.common.reconcile;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.pipeline.BatchProcessor;
import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.pipeline.Outcome;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the source topics from the beginning up to their end offsets as of the start, with a
 * consumer of its own that joins no group and commits nothing, and passes every record through the
 * service's pipeline, so that keys and positions are those the targets were given. Holds one poll
 * of records at a time.
 */
final class SourceReplay {

    static final String KAFKA = "kafka";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafka;
    private final ChangePipeline pipeline;

    /** @param kafka the service's Kafka client settings ({@code kafka.*}) */
    SourceReplay(Map<String, Object> kafka, ChangePipeline pipeline) {
        this.kafka = kafka;
        this.pipeline = pipeline;
    }

    /** The service's client settings for a consumer that joins no group and commits nothing. */
    static Map<String, Object> groupless(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return settings;
    }

    ReconciliationReport.Records replay(List<String> topics, List<TargetInventory> inventories, KeySets keys) {
        Map<String, Object> settings = groupless(kafka);
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> found = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (found == null || found.isEmpty()) {
                    throw new TargetUnavailableException(KAFKA, new IllegalStateException("topic " + topic + " not found"));
                }
                found.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, METADATA_TIMEOUT));
            end.entrySet().removeIf(partition -> consumer.position(partition.getKey(), METADATA_TIMEOUT) >= partition.getValue());
            consumer.pause(partitions.stream().filter(p -> !end.containsKey(p)).toList());
            while (!end.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(partition);
                    if (last == null || record.offset() >= last) {
                        continue; // written after the replay began
                    }
                    read++;
                    Outcome outcome = pipeline.process(BatchProcessor.raw(record));
                    if (outcome instanceof Outcome.Accepted change) {
                        accepted++;
                        expect(change.event(), inventories, keys);
                    } else if (outcome instanceof Outcome.Rejected) {
                        rejected++;
                    }
                }
                for (TopicPartition partition : List.copyOf(end.keySet())) {
                    if (consumer.position(partition, METADATA_TIMEOUT) >= end.get(partition)) {
                        end.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
        } catch (KafkaException e) {
            throw new TargetUnavailableException(KAFKA, e);
        }
        return new ReconciliationReport.Records(read, accepted, rejected, read - accepted - rejected);
    }

    private static void expect(ChangeEvent change, List<TargetInventory> inventories, KeySets keys) {
        String table = change.table().qualifiedName();
        if (change.operation() == Operation.TRUNCATE) {
            keys.truncation(table, change.position().value());
            return;
        }
        boolean deleted = change.operation() == Operation.DELETE;
        for (TargetInventory inventory : inventories) {
            inventory.keyOf(change).ifPresent(key ->
                    keys.sourceChange(inventory.target(), table, key, change.position().value(), deleted,
                            inventory.digestOf(change), change.origin()));
        }
    }
}
