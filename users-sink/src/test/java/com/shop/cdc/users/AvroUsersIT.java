package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The users service on the Avro twin of its topic, end to end on real servers: changes made in
 * PostgreSQL, captured by Debezium through Apicurio's Avro converter and the stack's registry, reach
 * Redis and the warehouse with the source's values; the reconciliation finds both targets equal to
 * the topic key by key; a registry that stops answering holds the records (readiness DOWN, no dead
 * letter) and a column added meanwhile arrives once it answers again, without a restart; an unknown
 * schema id and a corrupt body are dead letters with reasons. The service reaches the registry through
 * a {@link Cable} the test cuts, and keeps its rows under a Redis prefix and in a DuckDB file of its own.
 */
@QuarkusTest
@TestProfile(AvroUsersIT.AvroTopic.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AvroUsersIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36) + ThreadLocalRandom.current().nextInt(1000);
    static final String TOPIC = "avro.public.users";
    static final String PREFIX = "avro-it-" + RUN + ":user:";
    static final String SOURCE = "jdbc:postgresql://127.0.0.1:5432/shop_users";
    /** A column of this run's own: a schema with it is in no record the service may have read before the cut. */
    static final String COLUMN = "avro_it_tier_" + RUN;
    static final Cable REGISTRY = new Cable(8085);
    /** Exact numbers, as the targets keep them. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Over 2 kB: stored out of line, so an update that leaves it alone carries Debezium's placeholder. */
    static final String BIO = "Ünïcødé bio ".repeat(400);

    /** The users service as configured, on the Avro topic, with targets and a ledger name of its own. */
    public static class AvroTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.changes.topics", TOPIC,
                    "cdc.redis.tables.\"public.users\".key", PREFIX + "{id}",
                    "cdc.warehouse.jdbc-url", "jdbc:duckdb:target/avro-it-" + RUN + ".duckdb",
                    "cdc.schema-registry.url", "http://127.0.0.1:" + REGISTRY.port() + "/apis/ccompat/v7",
                    "cdc.reconciliation.every", "1h");
        }
    }

    @Inject
    Redis redis;

    private static final List<Long> IDS = new ArrayList<>();

    @AfterAll
    static void restore() throws Exception {
        REGISTRY.mend();
        try (Connection source = source(); Statement sql = source.createStatement()) {
            sql.execute("ALTER TABLE public.users DROP COLUMN IF EXISTS " + COLUMN);
        }
        REGISTRY.close();
    }

    @Test
    @Order(1)
    void sourceChangesReachTheTargetsWithTheSourcesValues() throws Exception {
        try (Connection source = source()) {
            IDS.add(insert(source, "  Avro.One." + RUN + "@Example.COM ", "12345.67"));
            IDS.add(insert(source, "avro.two." + RUN + "@example.com", "-0.01"));
            IDS.add(insert(source, "avro.three." + RUN + "@example.com", null));
            try (Statement sql = source.createStatement()) {
                sql.execute("UPDATE public.users SET full_name = 'Renamed' WHERE id = " + IDS.get(0)); // bio unchanged: TOAST
                sql.execute("UPDATE public.users SET balance = 9999999999.99 WHERE id = " + IDS.get(1));
                sql.execute("DELETE FROM public.users WHERE id = " + IDS.get(2));
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(field(IDS.get(0), "full_name").asText()).isEqualTo("Renamed");
            assertThat(field(IDS.get(1), "balance").asText()).isEqualTo("9999999999.99");
            assertThat(document(IDS.get(2))).isNull();
        });
        JsonNode first = document(IDS.get(0));
        assertThat(first.path("email").asText()).isEqualTo("avro.one." + RUN + "@example.com");
        assertThat(first.path("bio").asText()).isEqualTo(BIO); // the placeholder resolved to the stored value
        assertThat(first.path("balance").asText()).isEqualTo("12345.67"); // decimals are strings in the cache
        assertThat(first.path("birth_date").asText()).isEqualTo("1990-02-28");
        assertThat(first.path("loyalty_points").asLong()).isEqualTo(42);
        assertThat(first.path("marketing_opt_in").asBoolean()).isTrue();
        assertThat(first.path("tags")).hasSize(2);
        assertThat(first.path("tags").get(1).asText()).isEqualTo("naïve");
        assertThat(first.path("preferences").path("theme").asText()).isEqualTo("dark");
        assertThat(first.path("preferences").path("limits").path("daily").decimalValue())
                .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(first.path("created_at").asText()).startsWith("2024-02-29T23:59:59.123456");
    }

    @Test
    @Order(2)
    void theReconciliationFindsBothTargetsEqualToTheTopicKeyByKey() {
        JsonPath report = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> given().auth().preemptive().basic("operator", "operator-secret").post("/reconciliation")
                        .then().statusCode(200).extract().jsonPath(), AvroUsersIT::clean);
        assertThat(report.getList("topics")).containsExactly(TOPIC);
        assertThat(report.getLong("records.accepted")).isGreaterThan(3);
    }

    @Test
    @Order(3)
    void aRegistryThatStopsAnsweringHoldsTheRecordsAndAColumnAddedMeanwhileArrivesAfter() throws Exception {
        HealthProbe health = new HealthProbe();
        long deadLetters = deadLetters().size();
        REGISTRY.cut();
        long id;
        try {
            try (Connection source = source(); Statement sql = source.createStatement()) {
                sql.execute("ALTER TABLE public.users ADD COLUMN IF NOT EXISTS " + COLUMN + " text NOT NULL DEFAULT 'basic'");
                id = insert(source, "avro.four." + RUN + "@example.com", "1.00");
                sql.execute("UPDATE public.users SET " + COLUMN + " = 'gold' WHERE id = " + id);
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> health.ready().body().contains("schema-registry") && !health.ready().up());
            Thread.sleep(3000); // the record is consumed and waits: nothing written, nothing dead-lettered
            assertThat(document(id)).isNull();
            assertThat(deadLetters()).hasSize((int) deadLetters);
        } finally {
            REGISTRY.mend();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(field(id, COLUMN).asText()).isEqualTo("gold"));
        await().atMost(Duration.ofSeconds(30)).until(() -> health.ready().up());
        assertThat(deadLetters()).hasSize((int) deadLetters);
    }

    @Test
    @Order(4)
    void anUnknownSchemaIdAndACorruptBodyAreDeadLettersWithReasons() {
        ConsumerRecord<byte[], byte[]> known = StackClients.read(TOPIC, record -> record.value() != null, 1,
                Duration.ofSeconds(30)).get(0);
        byte[] unknownId = known.value().clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(Integer.MAX_VALUE);
        byte[] corrupt = java.util.Arrays.copyOf(known.value(), 12);
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            StackClients.send(producer, TOPIC, known.key(), unknownId);
            StackClients.send(producer, TOPIC, known.key(), corrupt);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(deadLetters()).extracting(letter -> (String) letter.get("message"))
                        .anySatisfy(reason -> assertThat(reason).contains("schema id " + Integer.MAX_VALUE
                                + " is not registered").contains("converter"))
                        .anySatisfy(reason -> assertThat(reason).contains("is not a valid Avro record of schema id")));
        assertThat(deadLetters()).extracting(letter -> (String) letter.get("stage")).containsOnly("decode");
    }

    /** Nothing missing, extra, stale or different, and the checksums match, in both targets. */
    private static boolean clean(JsonPath report) {
        return report.getList("targets", Map.class).size() == 2
                && report.getList("targets.checksumMatch", Boolean.class).stream().allMatch(match -> match)
                && List.of("missing", "extra", "stale", "different").stream().allMatch(kind ->
                        report.getList("targets." + kind, Long.class).stream().allMatch(n -> n == 0));
    }

    private List<Map<String, Object>> deadLetters() {
        return given().auth().preemptive().basic("operator", "operator-secret").queryParam("topic", TOPIC)
                .queryParam("size", 200).get("/dead-letters").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** A field of the user's document, missing while there is none. */
    private JsonNode field(long id, String name) throws Exception {
        JsonNode user = document(id);
        return user == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : user.path(name);
    }

    private JsonNode document(long id) throws Exception {
        Response value = redis.sendAndAwait(Request.cmd(Command.GET).arg(PREFIX + "{" + id + "}"));
        return value == null ? null : JSON.readTree(value.toString());
    }

    static long insert(Connection source, String email, String balance) throws SQLException {
        try (PreparedStatement insert = source.prepareStatement("INSERT INTO public.users (id, email, full_name, phone, country,"
                + " marketing_opt_in, loyalty_points, balance, birth_date, created_at, updated_at, preferences, tags, bio)"
                + " VALUES (?, ?, 'Avro Twin', '+1 415 555 0100', 'US',"
                + " true, 42, ?::numeric, DATE '1990-02-28',"
                + " TIMESTAMPTZ '2024-02-29 23:59:59.123456+00', TIMESTAMP '2024-03-01 00:00:00.000001',"
                + " '{\"theme\": \"dark\", \"limits\": {\"daily\": 0.1000000000000000055511151231257827}}'::jsonb,"
                + " ARRAY['vip', 'naïve'], ?) RETURNING id")) {
            // an id never used before: the topics keep the history of every id the other tests and runs used
            insert.setLong(1, ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
            insert.setString(2, email);
            insert.setString(3, balance);
            insert.setString(4, BIO);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    static Connection source() throws SQLException {
        return StackClients.postgres(SOURCE, "postgres", "postgres");
    }
}
