package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.common.decode.Decoders;
import com.shop.cdc.common.decode.Format;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetters;
import com.shop.cdc.common.failure.Stage;
import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.pipeline.Outcome;
import com.shop.cdc.common.pipeline.TargetWrites;
import com.shop.cdc.common.target.Targets;
import com.shop.cdc.common.transform.TransformChain;
import com.shop.cdc.common.transform.TransformSpec;
import com.shop.cdc.common.validate.RuleSpec;
import com.shop.cdc.common.validate.Validator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replay after a fix: records rejected under the strict email rule are replayed by an operator
 * after the rule was relaxed by configuration. Its consumer is off, so that the only way the
 * records reach the targets is the replay, through the same position guard as every write.
 */
@QuarkusTest
@TestProfile(DeadLetterReplayIT.RelaxedEmailRule.class)
class DeadLetterReplayIT {

    /** The users rules without {@code email:email}; a ledger of its own; no consumption. */
    public static class RelaxedEmailRule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cdc.pipeline.topics.\"" + DeadLetterIT.TOPIC + "\".rules", "required:email",
                    "quarkus.application.name", "users-sink-replay-it",
                    "mp.messaging.incoming.changes.enabled", "false");
        }
    }

    static final String TOPIC = DeadLetterIT.TOPIC;

    @Inject
    DeadLetters deadLetters;
    @Inject
    ChangePipeline relaxed;
    @Inject
    Targets targets;
    @Inject
    TargetWrites writes;
    @Inject
    ObjectMapper json;
    @Inject
    Redis redis;

    final long id = 7_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
    long lsn = System.currentTimeMillis() * 1_000;

    @BeforeAll
    static void topic() throws InterruptedException {
        StackClients.ensureTopic(TOPIC, 3);
    }

    @Test
    void aRecordRejectedByARuleIsWrittenOnceTheRuleIsRelaxed() {
        RawRecord record = produced(id, "not-an-email", ++lsn);
        rejectUnderStrictRules(record);
        long entry = ledgerId(record);

        JsonPath result = replay(entry);
        assertThat(result.getString("status")).isEqualTo("REPLAYED");
        assertThat(redisGet("user:{" + id + "}")).contains("\"not-an-email\"");
        assertThat(show(entry).getString("status")).isEqualTo("REPLAYED");
        assertThat(show(entry).getString("resolvedBy")).isEqualTo("operator");
        assertThat(replay(entry).getString("status")).as("a resolved entry is not replayed again").isEqualTo("NOT_NEW");
    }

    @Test
    void replayingAStaleRecordChangesNothing() {
        long user = id + 1;
        RawRecord stale = produced(user, "stale-not-an-email", ++lsn);
        RawRecord newer = produced(user, "newer@example.com", ++lsn);
        Outcome written = relaxed.process(newer);
        targets.writers().forEach(writer -> writes.write(writer, List.of(((Outcome.Accepted) written).event())));
        rejectUnderStrictRules(stale);

        assertThat(replay(ledgerId(stale)).getString("status")).isEqualTo("REPLAYED");
        assertThat(redisGet("user:{" + user + "}")).contains("newer@example.com").doesNotContain("stale-not-an-email");
    }

    @Test
    void aRecordThatStillFailsStaysNewWithItsNewError() {
        long user = id + 2;
        RawRecord record = produced(user, null, ++lsn);
        rejectUnderStrictRules(record);
        long entry = ledgerId(record);

        JsonPath result = replay(entry);
        assertThat(result.getString("status")).isEqualTo("FAILED");
        assertThat(result.getString("stage")).isEqualTo("validate");
        JsonPath shown = show(entry);
        assertThat(shown.getString("status")).isEqualTo("NEW");
        assertThat(shown.getInt("attempts")).isEqualTo(2);
        assertThat(shown.getList("violations.rule")).containsExactly("required");

        given().auth().preemptive().basic("operator", "operator-secret").contentType("application/json")
                .body("{\"reason\": \"the user was erased at the source\"}").post("/dead-letters/" + entry + "/discard")
                .then().statusCode(200);
        assertThat(show(entry).getString("status")).isEqualTo("DISCARDED");
        assertThat(show(entry).getString("resolution")).isEqualTo("the user was erased at the source");
    }

    @Test
    void aRecordOfATableNoTargetKeepsFailsAgainAtRouteUntilOneKeepsIt() {
        long user = id + 3;
        RawRecord record = produced(user, "customer@example.com", ++lsn,
                change -> ((ObjectNode) UserChanges.payload(change).get("source")).put("table", "customers"));
        deadLetters.send(List.of(new Outcome.Rejected(Stage.ROUTE, "no target keeps public.customers", null, List.of(),
                record.origin(), null).deadLetter(record, "users-sink-replay-it", Instant.now())));
        long entry = ledgerId(record, "route");

        JsonPath result = replay(entry);
        assertThat(result.getString("status")).isEqualTo("FAILED");
        assertThat(result.getString("stage")).isEqualTo("route");
        assertThat(result.getString("message")).contains("public.customers", "cdc.redis.tables");
        assertThat(show(entry).getString("status")).isEqualTo("NEW");
    }

    /** The record as the service consumed it: produced for real, so its coordinates are real. */
    private RawRecord produced(long user, String email, long position) {
        return produced(user, email, position, change -> {
        });
    }

    private RawRecord produced(long user, String email, long position, Consumer<ObjectNode> edit) {
        byte[] key = UserChanges.key(user);
        byte[] value = UserChanges.create(user, email, position, edit);
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            RecordMetadata at = StackClients.send(producer, TOPIC, key, value);
            return new RawRecord(new KafkaCoordinates(TOPIC, at.partition(), at.offset(), at.timestamp()), key, value,
                    Map.of());
        }
    }

    /** What the service did with the record while the strict rules were configured. */
    private void rejectUnderStrictRules(RawRecord record) {
        ChangePipeline strict = new ChangePipeline(Map.of(TOPIC, new ChangePipeline.TopicSteps(
                Decoders.create(Format.DEBEZIUM_JSON, true, Map.of(), json, 1 << 20),
                new TransformChain(List.of(TransformSpec.parse("email:email", Optional.empty(), "US"))),
                new Validator(List.of(RuleSpec.parse("required:email"), RuleSpec.parse("email:email"))))));
        Outcome outcome = strict.process(record);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        deadLetters.send(List.of(((Outcome.Rejected) outcome).deadLetter(record, "users-sink-replay-it",
                Instant.now())));
    }

    private long ledgerId(RawRecord record) {
        return ledgerId(record, "validate");
    }

    private long ledgerId(RawRecord record, String stage) {
        JsonPath listing = given().auth().preemptive().basic("operator", "operator-secret")
                .queryParam("topic", TOPIC).queryParam("status", "NEW").queryParam("stage", stage)
                .queryParam("from", Instant.now().minusSeconds(120).toString()).queryParam("size", 200)
                .get("/dead-letters").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = listing.getList("items");
        return items.stream()
                .filter(item -> ((Number) item.get("partition")).intValue() == record.origin().partition()
                        && ((Number) item.get("offset")).longValue() == record.origin().offset())
                .map(item -> ((Number) item.get("id")).longValue()).findFirst().orElseThrow();
    }

    private JsonPath replay(long entry) {
        return given().auth().preemptive().basic("operator", "operator-secret").post("/dead-letters/" + entry + "/replay")
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath show(long entry) {
        return given().auth().preemptive().basic("operator", "operator-secret").get("/dead-letters/" + entry)
                .then().statusCode(200).extract().jsonPath();
    }

    private String redisGet(String key) {
        var value = redis.sendAndAwait(Request.cmd(Command.GET).arg(key));
        return value == null ? null : value.toString();
    }
}
