package com.shop.cdc.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.pipeline.ChangeMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * A real source row change travels PostgreSQL/MariaDB → Debezium on Kafka Connect → Kafka → this
 * service → its Elasticsearch index ({@code test-} prefixed). Needs the local stack with the
 * connectors registered (dev/stack up, connectors).
 */
@QuarkusTest
class SourceToServiceIT {

    private static final String USERS = "shop.public.users";
    private static final String ORDERS = "shop.shop_orders.orders";

    @Inject
    ChangeMetrics metrics;

    @Inject
    RestClient elasticsearch;

    @Inject
    ObjectMapper json;

    @Test
    void postgresChangeReachesTheIndex() throws Exception {
        long before = endOffset(USERS);
        long id = SourceRows.insertUser("It@Example.com");
        awaitConsumed(USERS, before + 1);
        JsonNode user = SourceRows.awaitDocument(elasticsearch, json, "test-users", id, Duration.ofSeconds(60));
        assertThat(user.path("email").asText()).isEqualTo("it@example.com");
        assertThat(user.has("phone")).as("phone is not indexed").isFalse();
    }

    @Test
    void mariadbChangeReachesTheIndex() throws Exception {
        long before = endOffset(ORDERS);
        long id = SourceRows.insertOrder();
        awaitConsumed(ORDERS, before + 1);
        JsonNode order = SourceRows.awaitDocument(elasticsearch, json, "test-orders", id, Duration.ofSeconds(60));
        assertThat(order.path("total").asText()).isEqualTo("12.34");
        assertThat(order.path("total_minor").asLong()).isEqualTo(1234);
    }

    /** What real Debezium connectors (and the products generator) wrote decodes: nothing is rejected at decode. */
    @Test
    void everyRecordOnTheRealTopicsDecodes() {
        for (String topic : List.of(USERS, ORDERS, "shop.shop_orders.order_items", "shop.catalog.products")) {
            long records = endOffset(topic);
            await().atMost(Duration.ofSeconds(60)).until(() -> metrics.consumedFrom(topic) >= records);
            assertThat(metrics.count(topic, "rejected", "decode")).as(topic).isZero();
        }
    }

    /** The record of the change reaches the topic, and the service consumes the topic up to it. */
    private void awaitConsumed(String topic, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> endOffset(topic) >= expected);
        await().atMost(Duration.ofSeconds(60)).until(() -> metrics.consumedFrom(topic) >= endOffset(topic));
    }

    /** Records in the topic across partitions: a fresh consumer group reads all of them. */
    private static long endOffset(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
