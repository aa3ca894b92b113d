package com.shop.cdc.users;

import static com.shop.cdc.users.UserChanges.afterField;
import static com.shop.cdc.users.UserChanges.after;
import static com.shop.cdc.users.UserChanges.payload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.common.failure.DeadLetterHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failure policy on the real path: Kafka → users-sink → Redis, the DuckDB warehouse, the
 * dead-letter topic and the PostgreSQL ledger. Bad records of every kind are dead-lettered with
 * their reasons while the good records around them are written; a Redis outage dead-letters
 * nothing and loses nothing; the dead-letter API admits operators only.
 */
@QuarkusTest
class DeadLetterIT {

    /** The users topic of the tests (application.properties, %test): the real one stays clean. */
    static final String TOPIC = "it.users";
    static final String DLQ = TOPIC + ".dlq";

    @Inject
    Redis redis;

    /** Ids and LSNs unique to this run, so that runs against the same stack never meet. */
    final long base = (System.currentTimeMillis() % 100_000_000L) * 1_000;
    long lsn = System.currentTimeMillis() * 1_000;
    final Instant started = Instant.now().minusSeconds(60);

    record Bad(String kind, byte[] key, byte[] value, String stage) {
    }

    @BeforeAll
    static void topic() throws InterruptedException {
        StackClients.ensureTopic(TOPIC, 3);
    }

    @Test
    void everyKindOfBadRecordIsDeadLetteredAndEveryGoodOneWritten() throws IOException {
        List<Bad> bad = badRecords(base + 500);
        assertThat(bad).hasSizeGreaterThanOrEqualTo(30);
        Map<String, Bad> sent = new HashMap<>();
        List<Long> good = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            for (int i = 0; i < bad.size(); i++) {
                long id = base + i;
                StackClients.send(producer, TOPIC, UserChanges.key(id),
                        UserChanges.bytes(UserChanges.create(id, "user" + id + "@example.com", ++lsn)));
                good.add(id);
                RecordMetadata at = StackClients.send(producer, TOPIC, bad.get(i).key(), bad.get(i).value());
                sent.put(at.partition() + "@" + at.offset(), bad.get(i));
            }
            long last = base + bad.size();
            StackClients.send(producer, TOPIC, UserChanges.key(last),
                    UserChanges.bytes(UserChanges.create(last, "last" + last + "@example.com", ++lsn)));
            good.add(last);
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(good).allSatisfy(id -> assertThat(get("user:{" + id + "}")).as("user %d", id).isNotNull()));

        List<ConsumerRecord<byte[], byte[]>> letters = StackClients.read(DLQ,
                record -> sent.containsKey(coordinates(record)) && sentSince(record, started), sent.size(), Duration.ofSeconds(60));
        Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
        letters.forEach(letter -> byOrigin.put(coordinates(letter), letter));
        assertThat(byOrigin.keySet()).as("every bad record is in the dead-letter topic")
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (var entry : byOrigin.entrySet()) {
            Bad expected = sent.get(entry.getKey());
            ConsumerRecord<byte[], byte[]> letter = entry.getValue();
            assertThat(StackClients.header(letter, DeadLetterHeaders.STAGE)).as(expected.kind()).isEqualTo(expected.stage());
            assertThat(StackClients.header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(TOPIC);
            assertThat(StackClients.header(letter, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
            assertThat(StackClients.header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE)).as(expected.kind()).isNotBlank();
            assertThat(StackClients.header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("users-sink");
            assertThat(Instant.parse(StackClients.header(letter, DeadLetterHeaders.FAILED_AT))).isBefore(Instant.now());
            assertThat(Integer.parseInt(StackClients.header(letter, DeadLetterHeaders.ATTEMPTS))).isPositive();
            assertThat(StackClients.header(letter, DeadLetterHeaders.TIMESTAMP)).isNotBlank();
            JsonNode violations = UserChanges.JSON.readTree(StackClients.header(letter, DeadLetterHeaders.VIOLATIONS));
            assertThat(violations.isArray()).isTrue();
            if (expected.stage().equals("validate")) {
                assertThat(violations).as(expected.kind()).isNotEmpty();
            }
            assertThat(letter.key()).as("original key of " + expected.kind()).isEqualTo(expected.key());
            assertThat(letter.value()).as("original value of " + expected.kind()).isEqualTo(expected.value());
        }

        Map<String, JsonPath> ledger = ledgerEntries(sent.size());
        assertThat(ledger.keySet()).as("every bad record is in the ledger").containsAll(sent.keySet());
        sent.forEach((at, expected) -> {
            JsonPath entry = ledger.get(at);
            assertThat(entry.getString("stage")).as(expected.kind()).isEqualTo(expected.stage());
            assertThat(entry.getString("status")).isEqualTo("NEW");
        });
        JsonPath invalidEmail = ledger.get(sent.entrySet().stream().filter(e -> e.getValue().kind().equals("email malformed"))
                .findFirst().orElseThrow().getKey());
        JsonPath shown = given().auth().preemptive().basic("operator", "operator-secret")
                .get("/dead-letters/" + invalidEmail.getLong("id")).then().statusCode(200).extract().jsonPath();
        assertThat(shown.getString("value.encoding")).isEqualTo("json");
        assertThat(shown.getString("value.content.payload.after.email")).isEqualTo("not-an-email");
        assertThat(shown.getList("violations.rule")).contains("email");

        logsNameTheRecordAndHoldNoPersonalValueNorSecret(sent.keySet());
    }

    /** The service's log (JSON lines, target/service.log in tests): where each dead letter is, never what it holds. */
    private void logsNameTheRecordAndHoldNoPersonalValueNorSecret(java.util.Set<String> deadLettered) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("target", "service.log"));
        java.util.Set<String> logged = new java.util.HashSet<>();
        for (String line : lines) {
            assertThat(line).doesNotContain("@example.com", "not-an-email", "operator-secret", "viewer-secret",
                    "local-development-salt");
            JsonNode entry = UserChanges.JSON.readTree(line);
            JsonNode mdc = entry.path("mdc");
            if (entry.path("message").asText().startsWith("dead letter") && mdc.path("topic").asText().equals(TOPIC)) {
                assertThat(mdc.path("key").asText()).contains("\"id\"");
                logged.add(mdc.path("partition").asText() + "@" + mdc.path("offset").asText());
            }
        }
        assertThat(logged).as("every dead letter is logged with its topic, partition, offset and key")
                .containsAll(deadLettered);
    }

    @Test
    void aRedisOutageDeadLettersNothingAndLosesNothing() throws Exception {
        long first = base + 900;
        int count = 40;
        List<String> coordinates = new ArrayList<>();
        RedisOutage.stop();
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            Instant stopped = Instant.now();
            for (int i = 0; i < count; i++) {
                RecordMetadata at = StackClients.send(producer, TOPIC, UserChanges.key(first + i),
                        UserChanges.bytes(UserChanges.create(first + i, "outage" + i + "@example.com", ++lsn)));
                coordinates.add(at.partition() + "@" + at.offset());
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503).body(org.hamcrest.Matchers.containsString("redis")));
            while (Duration.between(stopped, Instant.now()).toSeconds() < 30) {
                Thread.sleep(1_000);
            }
        } finally {
            RedisOutage.start();
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (int i = 0; i < count; i++) {
                assertThat(get("user:{" + (first + i) + "}")).as("user %d", first + i).contains("outage" + i + "@example.com");
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertThat(ledgerEntries(0).keySet()).as("no dead letter for a target outage").doesNotContainAnyElementsOf(coordinates);
    }

    @Test
    void theDeadLetterApiAdmitsOperatorsOnly() {
        given().get("/dead-letters").then().statusCode(401);
        given().auth().preemptive().basic("operator", "wrong").get("/dead-letters").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "viewer-secret").get("/dead-letters").then().statusCode(403);
        given().auth().preemptive().basic("viewer", "viewer-secret").post("/dead-letters/1/replay").then().statusCode(403);
        given().auth().preemptive().basic("operator", "operator-secret").get("/dead-letters?size=1").then().statusCode(200);
        given().auth().preemptive().basic("operator", "operator-secret").get("/dead-letters?size=100000")
                .then().statusCode(400);
        given().auth().preemptive().basic("operator", "operator-secret").get("/dead-letters?from=yesterday")
                .then().statusCode(400);
        given().auth().preemptive().basic("operator", "operator-secret").get("/dead-letters/" + Long.MAX_VALUE)
                .then().statusCode(404);
        given().auth().preemptive().basic("operator", "operator-secret").contentType("application/json")
                .body("{\"reason\": \"" + "x".repeat(100_000) + "\"}").post("/dead-letters/1/discard")
                .then().statusCode(413);
    }

    /** Ledger entries of this topic by {@code partition@offset}, read through the API page by page. */
    private Map<String, JsonPath> ledgerEntries(int atLeast) {
        Map<String, JsonPath> entries = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            entries.clear();
            for (int page = 0; ; page++) {
                JsonPath listing = given().auth().preemptive().basic("operator", "operator-secret")
                        .queryParam("topic", TOPIC).queryParam("from", started.toString())
                        .queryParam("size", 200).queryParam("page", page)
                        .get("/dead-letters").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = listing.getList("items");
                for (int i = 0; i < items.size(); i++) {
                    JsonPath item = new JsonPath(UserChanges.JSON.writeValueAsString(items.get(i)));
                    entries.put(item.getInt("partition") + "@" + item.getLong("offset"), item);
                }
                if (items.size() < 200) {
                    return entries.size() >= atLeast;
                }
            }
        });
        return entries;
    }

    private String get(String key) {
        Response value = redis.sendAndAwait(Request.cmd(Command.GET).arg(key));
        return value == null ? null : value.toString();
    }

    /** Whether the letter's record was produced since then: a topic created again starts its offsets anew, its dead-letter topic does not. */
    private static boolean sentSince(ConsumerRecord<byte[], byte[]> letter, Instant then) {
        return Long.parseLong(StackClients.header(letter, DeadLetterHeaders.TIMESTAMP)) >= then.toEpochMilli();
    }

    private static String coordinates(ConsumerRecord<byte[], byte[]> letter) {
        return StackClients.header(letter, DeadLetterHeaders.PARTITION) + "@"
                + StackClients.header(letter, DeadLetterHeaders.OFFSET);
    }

    /** At least thirty kinds of bad input, each with the stage that must reject it. */
    private List<Bad> badRecords(long firstId) {
        List<Bad> bad = new ArrayList<>();
        long[] id = {firstId};
        Random random = new Random(42);
        byte[] garbage = new byte[512];
        random.nextBytes(garbage);
        byte[] good = UserChanges.bytes(UserChanges.create(id[0], "x@example.com", lsn));
        raw(bad, id, "invalid JSON", "{\"schema\": {".getBytes(StandardCharsets.UTF_8));
        raw(bad, id, "binary garbage", garbage);
        raw(bad, id, "truncated record", Arrays.copyOf(good, good.length / 2));
        raw(bad, id, "JSON array", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
        raw(bad, id, "JSON number", "42".getBytes(StandardCharsets.UTF_8));
        raw(bad, id, "JSON string", "\"hello\"".getBytes(StandardCharsets.UTF_8));
        raw(bad, id, "empty value", new byte[0]);
        byte[] invalidUtf8 = UserChanges.bytes(UserChanges.create(id[0], "INVALIDUTF8@example.com", lsn));
        String text = UserChanges.text(invalidUtf8);
        int at = text.indexOf("INVALIDUTF8");
        invalidUtf8[at] = (byte) 0xC3;
        invalidUtf8[at + 1] = (byte) 0x28;
        raw(bad, id, "invalid UTF-8", invalidUtf8);
        decode(bad, id, "payload missing", v -> v.remove("payload"));
        decode(bad, id, "schema missing", v -> v.remove("schema"));
        decode(bad, id, "unknown op", v -> payload(v).put("op", "x"));
        decode(bad, id, "op missing", v -> payload(v).remove("op"));
        decode(bad, id, "source missing", v -> payload(v).remove("source"));
        decode(bad, id, "lsn missing", v -> ((ObjectNode) payload(v).get("source")).remove("lsn"));
        decode(bad, id, "after is a string", v -> payload(v).put("after", "a row"));
        decode(bad, id, "create without after", v -> payload(v).putNull("after"));
        decode(bad, id, "decimal without scale", v -> {
            afterField(v, "balance").remove("parameters");
            after(v).put("balance", "AOjUpQ//");
        });
        decode(bad, id, "decimal not base64", v -> after(v).put("balance", "!!not base64!!"));
        decode(bad, id, "Date as text", v -> after(v).put("birth_date", "yesterday"));
        decode(bad, id, "MicroTimestamp as text", v -> after(v).put("updated_at", "soon"));
        decode(bad, id, "ZonedTimestamp malformed", v -> after(v).put("created_at", "not-a-time"));
        decode(bad, id, "int32 as text", v -> after(v).put("loyalty_points", "many"));
        decode(bad, id, "boolean as number", v -> after(v).put("marketing_opt_in", 3));
        decode(bad, id, "Json column not JSON", v -> after(v).put("preferences", "{oops"));
        decode(bad, id, "array as object", v -> after(v).putObject("tags"));
        decode(bad, id, "huge value (over cdc.pipeline.max-record-bytes)",
                v -> after(v).put("full_name", "x".repeat(300_000)));
        String validate = "validate";
        change(bad, id, "email missing", validate, v -> after(v).putNull("email"));
        change(bad, id, "email malformed", validate, v -> after(v).put("email", "not-an-email"));
        change(bad, id, "email blank", validate, v -> after(v).put("email", "   "));
        change(bad, id, "decimal too large for the warehouse column", "write", v -> {
            after(v).put("balance", Base64.getEncoder().encodeToString(BigInteger.TEN.pow(16).toByteArray()));
        });
        change(bad, id, "a schema change the warehouse cannot apply (text into a bigint column)", "write", v -> {
            afterField(v, "loyalty_points").put("type", "string");
            after(v).put("loyalty_points", "lots");
        });
        return bad;
    }

    private void raw(List<Bad> bad, long[] id, String kind, byte[] value) {
        bad.add(new Bad(kind, UserChanges.key(id[0]++), value, "decode"));
    }

    private void decode(List<Bad> bad, long[] id, String kind, Consumer<ObjectNode> breaking) {
        change(bad, id, kind, "decode", breaking);
    }

    private void change(List<Bad> bad, long[] id, String kind, String stage, Consumer<ObjectNode> breaking) {
        long user = id[0]++;
        bad.add(new Bad(kind, UserChanges.key(user), UserChanges.create(user, "user" + user + "@example.com", ++lsn,
                breaking), stage));
    }
}
