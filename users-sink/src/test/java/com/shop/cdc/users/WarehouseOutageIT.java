package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * The warehouse down for 30 s mid-stream: a PostgreSQL warehouse database that stops accepting
 * connections (its server, with the ledger, keeps running). Readiness names the warehouse while it
 * is down; Redis, on a lane of its own, still gets the changes; no offset is committed past a change
 * the warehouse lacks; nothing is dead-lettered; every change is in the warehouse once it is back.
 */
@QuarkusTest
@TestProfile(WarehouseOutageIT.PostgresWarehouse.class)
class WarehouseOutageIT {

    static final String DATABASE = "cdc_warehouse_it";
    static final String GROUP_PROPERTY = "mp.messaging.incoming.changes.group.id";

    @Inject
    Redis redis;
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static final String WAREHOUSE_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE + "?user=postgres";
    private static final String UNDEFINED_TABLE = "42P01";

    /** The users sink with a PostgreSQL warehouse, a service name and consumer group of its own. */
    public static class PostgresWarehouse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cdc.warehouse.dialect", "postgresql", "cdc.warehouse.jdbc-url", WAREHOUSE_URL,
                    "quarkus.application.name", "users-sink-warehouse-it");
        }
    }

    @BeforeAll
    static void database() throws Exception {
        StackClients.ensureTopic(DeadLetterIT.TOPIC, 3);
        try (Connection admin = StackClients.postgres(ADMIN_URL, null, null); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        } catch (SQLException missing) {
            try (Connection admin = StackClients.postgres(ADMIN_URL, null, null); Statement sql = admin.createStatement()) {
                sql.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    @Test
    void aWarehouseOutageDeadLettersNothingAndLosesNothing() throws Exception {
        long first = 6_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
        long lsn = System.currentTimeMillis() * 1_000;
        Instant started = Instant.now().minusSeconds(60);
        int count = 40;
        List<String> coordinates = new ArrayList<>();
        Map<TopicPartition, Long> firstUnwritten = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            Instant stopped = stopAcceptingConnections();
            try {
                for (int i = 0; i < count; i++) {
                    RecordMetadata at = StackClients.send(producer, DeadLetterIT.TOPIC, UserChanges.key(first + i),
                            UserChanges.bytes(UserChanges.create(first + i, "wh" + i + "@example.com", ++lsn)));
                    coordinates.add(at.partition() + "@" + at.offset());
                    firstUnwritten.putIfAbsent(new TopicPartition(at.topic(), at.partition()), at.offset());
                }
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                        .statusCode(503).body(Matchers.containsString("warehouse")));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(StackClients.usersInRedis(redis, first, count)).as("Redis written while the warehouse is down").isEqualTo(count));
                while (Duration.between(stopped, Instant.now()).toSeconds() < 30) {
                    Thread.sleep(1_000);
                }
                Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets();
                firstUnwritten.forEach((partition, offset) -> assertThat(committed.get(partition))
                        .as("committed offset of %s while the warehouse lacks offset %d", partition, offset)
                        .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.offset()).isLessThanOrEqualTo(offset)));
            } finally {
                acceptConnections();
            }
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(rowsBetween(first, first + count)).isEqualTo(count));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        List<Map<String, Object>> letters = given().auth().preemptive().basic("operator", "operator-secret")
                .queryParam("topic", DeadLetterIT.TOPIC).queryParam("from", started.toString()).queryParam("size", 200)
                .get("/dead-letters").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(letters).as("no dead letter for a warehouse outage").noneMatch(letter ->
                coordinates.contains(letter.get("partition") + "@" + letter.get("offset")));
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        return StackClients.committedOffsets(ConfigProvider.getConfig().getValue(GROUP_PROPERTY, String.class));
    }

    /** The warehouse database refuses new connections and loses its open ones; the server keeps running. */
    private static Instant stopAcceptingConnections() throws SQLException {
        try (Connection admin = StackClients.postgres(ADMIN_URL, null, null); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
        }
        return Instant.now();
    }

    private static void acceptConnections() throws SQLException {
        try (Connection admin = StackClients.postgres(ADMIN_URL, null, null); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }
    }

    /** 0 until the sink's first write after the outage creates the table in a fresh database. */
    private static long rowsBetween(long from, long to) throws SQLException {
        try (Connection warehouse = StackClients.postgres(WAREHOUSE_URL, null, null); Statement sql = warehouse.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM users WHERE NOT _deleted AND id >= " + from
                     + " AND id < " + to)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }
}
