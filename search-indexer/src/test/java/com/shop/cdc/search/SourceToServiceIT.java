package com.shop.cdc.search;

import static org.awaitility.Awaitility.await;

import com.shop.cdc.common.ops.ChangeMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A real source row change travels PostgreSQL/MariaDB → Debezium on Kafka Connect → Kafka → this
 * service, which counts it. Needs the local stack with the connectors registered (dev/stack up, connectors).
 */
@QuarkusTest
class SourceToServiceIT {

    private static final String USERS = "shop.public.users";
    private static final String ORDERS = "shop.shop_orders.orders";

    @Inject
    ChangeMetrics metrics;

    @Test
    void postgresChangeReachesTheService() throws Exception {
        long before = endOffset(USERS);
        execute("jdbc:postgresql://127.0.0.1:5432/shop?user=postgres", """
                INSERT INTO public.users (id, email, full_name, created_at)
                VALUES (900000000 + (extract(epoch from clock_timestamp()) * 1000)::bigint % 99999999,
                        'it@example.com', 'Integration Test', now())""");
        awaitConsumed(USERS, before + 1);
    }

    @Test
    void mariadbChangeReachesTheService() throws Exception {
        long before = endOffset(ORDERS);
        execute("jdbc:mariadb://127.0.0.1:3306/shop_orders?user=root", """
                INSERT INTO orders (user_id, status, total, currency, created_at)
                VALUES (1, 'PENDING', 12.34, 'EUR', now(3))""");
        awaitConsumed(ORDERS, before + 1);
    }

    /** What real Debezium connectors (and the products generator) wrote decodes: nothing is rejected at decode. */
    @Test
    void everyRecordOnTheRealTopicsDecodes() {
        for (String topic : List.of(USERS, ORDERS, "shop.shop_orders.order_items", "shop.catalog.products")) {
            long records = endOffset(topic);
            await().atMost(Duration.ofSeconds(60)).until(() -> metrics.consumedFrom(topic) >= records);
            org.assertj.core.api.Assertions.assertThat(metrics.count(topic, "rejected", "decode")).as(topic).isZero();
        }
    }

    /** The record of the change reaches the topic, and the service consumes the topic up to it. */
    private void awaitConsumed(String topic, long expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> endOffset(topic) >= expected);
        await().atMost(Duration.ofSeconds(60)).until(() -> metrics.consumedFrom(topic) >= endOffset(topic));
    }

    private static void execute(String jdbcUrl, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement statement = db.createStatement()) {
            statement.executeUpdate(sql);
        }
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
