package com.shop.cdc.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group's committed offsets on one topic every 100 ms until they reach the topic's end offsets
 * (as they were when the watch started), and prints when the first and the last commit were seen and how many
 * records lay between them: a sink's rate "from first to last commit", whatever the sink.
 */
final class BenchCommits {

    private final BenchConfig config;
    private final String bootstrapServers;

    BenchCommits(BenchConfig config, String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    int run() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        String topic = config.topicOrDefault();
        try (Admin admin = Admin.create(props)) {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long end = 0;
            for (var info : admin.listOffsets(latest).all().get().values()) {
                end += info.offset();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.timeoutSeconds());
            long firstAt = 0, firstCommitted = 0, committed = 0;
            while (System.nanoTime() < deadline) {
                committed = 0;
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(config.group()).partitionsToOffsetAndMetadata().get();
                for (var entry : offsets.entrySet()) {
                    if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                        committed += entry.getValue().offset();
                    }
                }
                long now = System.currentTimeMillis();
                if (firstAt == 0 && committed > 0) {
                    firstAt = now;
                    firstCommitted = committed;
                }
                if (committed >= end) {
                    double seconds = (now - firstAt) / 1000.0;
                    System.out.printf("bench-commits: group=%s topic=%s end=%d first_commit_ms=%d first_committed=%d "
                                    + "last_commit_ms=%d seconds=%.2f records_per_s=%.0f%n", config.group(), topic, end,
                            firstAt, firstCommitted, now, seconds, seconds > 0 ? (end - firstCommitted) / seconds : 0);
                    return 0;
                }
                Thread.sleep(100);
            }
            System.out.printf("bench-commits: group=%s topic=%s end=%d committed=%d: timed out after %ds%n",
                    config.group(), topic, end, committed, config.timeoutSeconds());
            return 1;
        }
    }
}
