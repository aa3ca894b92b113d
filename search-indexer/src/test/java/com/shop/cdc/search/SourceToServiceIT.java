package com.shop.cdc.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.ops.ChangeMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
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
        long id = insert("jdbc:postgresql://127.0.0.1:5432/shop?user=postgres", """
                INSERT INTO public.users (id, email, full_name, phone, created_at)
                VALUES (900000000 + (extract(epoch from clock_timestamp()) * 1000)::bigint % 99999999,
                        'It@Example.com', 'Integration Test', '+1 555 0100', now())""");
        awaitConsumed(USERS, before + 1);
        JsonNode user = awaitDocument("test-users", id);
        assertThat(user.path("email").asText()).isEqualTo("it@example.com");
        assertThat(user.has("phone")).as("phone is not indexed").isFalse();
    }

    @Test
    void mariadbChangeReachesTheIndex() throws Exception {
        long before = endOffset(ORDERS);
        long id = insert("jdbc:mariadb://127.0.0.1:3306/shop_orders?user=root", """
                INSERT INTO orders (user_id, status, total, currency, created_at)
                VALUES (1, 'PENDING', 12.34, 'EUR', now(3))""");
        awaitConsumed(ORDERS, before + 1);
        JsonNode order = awaitDocument("test-orders", id);
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

    /** Runs an INSERT and returns the generated id. */
    private static long insert(String jdbcUrl, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = db.prepareStatement(sql, new String[] {"id"})) {
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The live document of a row, once the service has indexed it. */
    private JsonNode awaitDocument(String alias, long id) {
        AtomicReference<JsonNode> document = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            Response response = elasticsearch.performRequest(new Request("GET", "/" + alias + "/_doc/" + id));
            JsonNode found = json.readTree(response.getEntity().getContent());
            document.set(found.path("_source"));
            return found.path("found").asBoolean() && !found.path("_source").path("_cdc").path("deleted").asBoolean();
        });
        return document.get();
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
