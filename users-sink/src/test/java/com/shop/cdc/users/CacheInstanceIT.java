package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance that writes Redis alone ({@code cdc.pipeline.targets=redis}), its warehouse pointing
 * at a database that does not exist: it never touches the warehouse, is ready, writes every change
 * to Redis, commits its offsets on Redis's acknowledgement alone, and keeps its dead letters under
 * a name of its own, so that an instance writing the warehouse never replays them.
 */
@QuarkusTest
@TestProfile(CacheInstanceIT.RedisAlone.class)
class CacheInstanceIT {

    @Inject
    Redis redis;

    public static class RedisAlone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cdc.pipeline.targets", "redis", "cdc.warehouse.dialect", "postgresql",
                    "cdc.warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/cdc_no_such_database?user=postgres",
                    "quarkus.application.name", "users-sink-cache-it");
        }
    }

    @BeforeAll
    static void topic() throws Exception {
        StackClients.ensureTopic(DeadLetterIT.TOPIC, 3);
    }

    @Test
    void writesRedisAndCommitsWithoutTheWarehouse() throws Exception {
        long first = 7_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
        long lsn = System.currentTimeMillis() * 1_000;
        int count = 20;
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        RecordMetadata malformed;
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            for (int i = 0; i < count; i++) {
                RecordMetadata at = StackClients.send(producer, DeadLetterIT.TOPIC, UserChanges.key(first + i),
                        UserChanges.bytes(UserChanges.create(first + i, "cache" + i + "@example.com", ++lsn)));
                lastOffsets.merge(new TopicPartition(at.topic(), at.partition()), at.offset(), Math::max);
            }
            malformed = StackClients.send(producer, DeadLetterIT.TOPIC, UserChanges.key(first + count),
                    "{not json".getBytes(StandardCharsets.UTF_8));
            lastOffsets.merge(new TopicPartition(malformed.topic(), malformed.partition()), malformed.offset(), Math::max);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(StackClients.usersInRedis(redis, first, count)).isEqualTo(count));
        String group = ConfigProvider.getConfig().getValue(WarehouseOutageIT.GROUP_PROPERTY, String.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = StackClients.committedOffsets(group);
            lastOffsets.forEach((partition, offset) -> assertThat(committed.get(partition))
                    .as("committed offset of %s", partition).isNotNull()
                    .extracting(OffsetAndMetadata::offset).isEqualTo(offset + 1)); // nothing is produced after ours
        });
        assertThat(ledgerServices(malformed)).containsExactly("users-sink-cache-it-redis");
        given().get("/q/health/ready").then().statusCode(200).body(Matchers.not(Matchers.containsString("warehouse")));
        given().get("/q/metrics").then().statusCode(200)
                .body(Matchers.containsString("target=\"redis\""))
                .body(Matchers.not(Matchers.containsString("target=\"warehouse\"")));
    }

    /**
     * The services whose ledger holds a dead letter of the record, known by its coordinates and
     * timestamp: the ledger outlives a topic created again, whose offsets start anew.
     */
    private static List<String> ledgerServices(RecordMetadata record) throws SQLException {
        try (Connection ledger = StackClients.postgres(WarehouseOutageIT.ADMIN_URL, null, null);
             PreparedStatement query = ledger.prepareStatement("SELECT service FROM cdc_dead_letter"
                     + " WHERE source_topic = ? AND source_partition = ? AND source_offset = ? AND source_timestamp = ?")) {
            query.setString(1, record.topic());
            query.setInt(2, record.partition());
            query.setLong(3, record.offset());
            query.setObject(4, OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC));
            List<String> services = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    services.add(rows.getString(1));
                }
            }
            return services;
        }
    }
}
