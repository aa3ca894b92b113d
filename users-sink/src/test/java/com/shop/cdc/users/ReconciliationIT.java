package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.common.reconcile.ReconciliationReport;
import com.shop.cdc.common.reconcile.ReconciliationReports;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Reconciliation against the real Kafka, Redis, DuckDB file and ledger database. The service reads
 * a topic of its own and keeps its rows under a Redis prefix and in a DuckDB file of its own, so
 * that the whole report is about this test's keys: zero after a clean run (a truncate included),
 * and exactly the keys removed, resurrected, made stale or edited in the targets afterwards.
 */
@QuarkusTest
@TestProfile(ReconciliationIT.OwnTopicAndTargets.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36) + ThreadLocalRandom.current().nextInt(1000);
    static final String TOPIC = "reconcile-it." + RUN;
    static final String PREFIX = "reconcile-it-" + RUN + ":user:";
    static final String WAREHOUSE = "jdbc:duckdb:target/reconcile-it-" + RUN + ".duckdb";
    static final int USERS = 20;
    static final long LSN = 1_000_000;

    /** The users service as configured, on this test's topic, Redis prefix and DuckDB file. */
    public static class OwnTopicAndTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String topic = "cdc.pipeline.topics.\"" + TOPIC + "\".";
            return Map.of("mp.messaging.incoming.changes.topics", TOPIC,
                    topic + "transforms", "email:email,phone:phone",
                    topic + "rules", "required:email,email:email",
                    "cdc.redis.tables.\"public.users\".key", PREFIX + "{id}",
                    "cdc.warehouse.jdbc-url", WAREHOUSE,
                    "cdc.reconciliation.every", "1h",
                    // a service of its own in the ledger: its scheduled run is claimed afresh each time
                    "quarkus.application.name", "users-sink-reconcile-it-" + RUN);
        }
    }

    @Inject
    Redis redis;
    @Inject
    ReconciliationReports reports;

    @BeforeAll
    static void produce() throws InterruptedException {
        StackClients.ensureTopic(TOPIC, 3);
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            // a user created before a truncate is gone from the source, whatever partition each lands on
            send(producer, 30, UserChanges.create(30, "before-truncate@example.com", LSN - 100));
            ObjectNode truncate = UserChanges.create(30, "unused@example.com", LSN - 50);
            UserChanges.payload(truncate).putNull("after");
            UserChanges.payload(truncate).put("op", "t");
            StackClients.send(producer, TOPIC, null, UserChanges.bytes(truncate));
            for (long id = 1; id <= USERS; id++) {
                send(producer, id, UserChanges.create(id, "User" + id + "@Example.com", lsn(id, 0)));
            }
            for (long id = 1; id <= 3; id++) {
                send(producer, id, UserChanges.create(id, "renamed" + id + "@example.com", lsn(id, 1)));
            }
            for (long id = 11; id <= 12; id++) { // deletes, each followed by its tombstone
                ObjectNode delete = UserChanges.create(id, "user" + id + "@example.com", lsn(id, 1));
                UserChanges.payload(delete).set("before", UserChanges.after(delete));
                UserChanges.payload(delete).putNull("after");
                UserChanges.payload(delete).put("op", "d");
                send(producer, id, delete);
                StackClients.send(producer, TOPIC, UserChanges.key(id), null);
            }
            // refused by the email rule: a dead letter, in neither target nor the expected state
            send(producer, 99, UserChanges.create(99, "not-an-email", lsn(99, 0)));
        }
    }

    @Test
    @Order(0)
    void aScheduledRunIsClaimedByOneInstanceStoredAndExportedWithoutARequest() {
        // the run at start-up finds no topic yet (it is created once the service runs), gives its claim
        // back and is tried again a minute later
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> reports.latestReport().isPresent() && !gauge("cdc_reconciliation_last_run_seconds").equals("absent"));
        ReconciliationReport stored = reports.latestReport().orElseThrow();
        assertThat(stored.topics()).containsExactly(TOPIC);
        assertThat(stored.targets()).extracting(ReconciliationReport.TargetReport::target).containsExactly("redis", "warehouse");
        assertThat(Double.parseDouble(gauge("cdc_reconciliation_last_run_seconds")))
                .isEqualTo((double) stored.finishedAt().getEpochSecond());
        // another replica asking within the hour is refused: this instance holds the run
        assertThat(reports.claim(Duration.ofHours(1), "another-pod")).isFalse();
    }

    @Test
    @Order(1)
    void afterACleanRunEveryTargetMatchesTheSource() {
        JsonPath report = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> reconcile().jsonPath(), this::clean);

        assertThat(report.getList("topics")).containsExactly(TOPIC);
        assertThat(report.getLong("records.read")).isEqualTo(2 + USERS + 3 + 4 + 1);
        assertThat(report.getLong("records.accepted")).isEqualTo(2 + USERS + 3 + 2);
        assertThat(report.getLong("records.rejected")).isEqualTo(1);
        assertThat(report.getLong("records.skipped")).isEqualTo(2);
        assertThat(report.getList("targets.target")).containsExactly("redis", "warehouse");
        for (String target : List.of("redis", "warehouse")) {
            JsonPath one = target(report, target);
            assertThat(one.getLong("sourceKeys")).as(target).isEqualTo(USERS - 2);
            assertThat(one.getLong("targetKeys")).as(target).isEqualTo(USERS - 2);
            assertThat(one.getList("listed")).as(target).isEmpty();
            assertThat(one.getString("targetChecksum")).as(target).isEqualTo(one.getString("sourceChecksum"));
        }
        assertThat(gauge("cdc_reconciliation_keys", "kind=\"missing\"", "target=\"redis\"")).isEqualTo("0.0");
        assertThat(gauge("cdc_reconciliation_checksum_match", "target=\"warehouse\"")).isEqualTo("1.0");
        assertThat(gauge("cdc_reconciliation_source_keys", "target=\"redis\"")).isEqualTo("18.0");
    }

    @Test
    @Order(2)
    void keysRemovedResurrectedMadeStaleOrEditedInATargetAreEachReported() throws Exception {
        del(PREFIX + "{3}", PREFIX + "{3}:pos");
        set(PREFIX + "{5}:pos", "%019d".formatted(position(5, 0) - 2));
        set(PREFIX + "{11}", "{\"id\":11}");
        set(PREFIX + "{8}", "{\"id\":8,\"email\":\"edited by hand\"}");
        try (Connection warehouse = DriverManager.getConnection(WAREHOUSE); Statement sql = warehouse.createStatement()) {
            sql.executeUpdate("DELETE FROM USERS WHERE id = 7");
            sql.executeUpdate("UPDATE USERS SET _source_pos = _source_pos - 2 WHERE id = 9");
            sql.executeUpdate("UPDATE USERS SET _deleted = false WHERE id = 12");
        }

        ExtractableResponse<?> response = reconcile();
        JsonPath report = response.jsonPath();

        JsonPath redisReport = target(report, "redis");
        assertCounts(redisReport, 1, 1, 1, 1);
        assertThat(listed(redisReport)).containsExactly(
                "DIFFERENT " + PREFIX + "{8} " + position(8, 0) + " " + position(8, 0),
                "EXTRA " + PREFIX + "{11} " + position(11, 1) + " " + position(11, 1),
                "MISSING " + PREFIX + "{3} " + position(3, 1) + " null",
                "STALE " + PREFIX + "{5} " + position(5, 0) + " " + (position(5, 0) - 2));
        JsonPath warehouseReport = target(report, "warehouse");
        assertCounts(warehouseReport, 1, 1, 1, 0);
        assertThat(listed(warehouseReport)).containsExactly(
                "EXTRA USERS:12 " + position(12, 1) + " " + position(12, 1),
                "MISSING USERS:7 " + position(7, 0) + " null",
                "STALE USERS:9 " + position(9, 0) + " " + (position(9, 0) - 2));
        for (JsonPath target : List.of(redisReport, warehouseReport)) {
            assertThat(target.getLong("sourceKeys")).isEqualTo(USERS - 2);
            assertThat(target.getLong("targetKeys")).isEqualTo(USERS - 2);
            assertThat(target.getBoolean("checksumMatch")).isFalse();
            assertThat(target.getString("targetChecksum")).isNotEqualTo(target.getString("sourceChecksum"));
        }

        assertThat(gauge("cdc_reconciliation_keys", "kind=\"stale\"", "target=\"warehouse\"")).isEqualTo("1.0");
        assertThat(gauge("cdc_reconciliation_keys", "kind=\"extra\"", "target=\"redis\"")).isEqualTo("1.0");
        assertThat(gauge("cdc_reconciliation_keys", "kind=\"different\"", "target=\"redis\"")).isEqualTo("1.0");
        assertThat(gauge("cdc_reconciliation_checksum_match", "target=\"redis\"")).isEqualTo("0.0");

        String stored = URI.create(response.header("Location")).getPath();
        assertThat(stored).matches("/reconciliation/\\d+");
        JsonPath kept = operator().get(stored).then().statusCode(200).extract().jsonPath();
        assertThat(kept.getList("targets.missing", Long.class)).containsExactly(1L, 1L);
        assertThat(operator().get("/reconciliation/latest").then().statusCode(200).extract().jsonPath()
                .getString("finishedAt")).isEqualTo(report.getString("finishedAt"));
    }

    @Test
    @Order(3)
    void aListedKeyIsLookedAtInItsSourceRecordAndInEachTarget() {
        JsonPath report = operator().get("/reconciliation/latest").then().statusCode(200).extract().jsonPath();
        Map<String, Object> missing = listedEntry(target(report, "redis"), "MISSING");
        Map<?, ?> record = (Map<?, ?>) missing.get("source");
        assertThat(record.get("topic")).isEqualTo(TOPIC);

        JsonPath source = operator().get("/reconciliation/source/{topic}/{partition}/{offset}", TOPIC,
                record.get("partition"), record.get("offset")).then().statusCode(200).extract().jsonPath();
        assertThat(source.getString("outcome")).isEqualTo("accepted");
        assertThat(source.getLong("position")).isEqualTo(position(3, 1));
        assertThat(source.getString("row")).contains("\"email\":\"renamed3@example.com\"");
        assertThat(source.getMap("keys")).containsEntry("redis", PREFIX + "{3}").containsEntry("warehouse", "USERS:3");

        // removed from Redis by the test above, still in the warehouse at the source's position
        operator().queryParam("key", PREFIX + "{3}").get("/reconciliation/targets/redis/rows").then().statusCode(404);
        JsonPath warehouse = operator().queryParam("key", "USERS:3").get("/reconciliation/targets/warehouse/rows")
                .then().statusCode(200).extract().jsonPath();
        assertThat(warehouse.getLong("position")).isEqualTo(position(3, 1));
        assertThat(warehouse.getBoolean("deleted")).isFalse();
        Map<String, Object> row = new JsonPath(warehouse.getString("row")).getMap("");
        assertThat(row.keySet().stream().map(column -> column.toLowerCase(Locale.ROOT)).toList())
                .contains("id", "email").doesNotContain("_source_pos", "_deleted");

        JsonPath edited = operator().queryParam("key", PREFIX + "{8}").get("/reconciliation/targets/redis/rows")
                .then().statusCode(200).extract().jsonPath();
        assertThat(edited.getString("row")).isEqualTo("{\"id\":8,\"email\":\"edited by hand\"}");
        JsonPath marker = operator().queryParam("key", PREFIX + "{12}").get("/reconciliation/targets/redis/rows")
                .then().statusCode(200).extract().jsonPath();
        assertThat(marker.getBoolean("deleted")).isTrue();
        assertThat(marker.getString("row")).isNull();

        // the warehouse's extra row was deleted at the source: its source record is the delete
        Map<?, ?> delete = (Map<?, ?>) listedEntry(target(report, "warehouse"), "EXTRA").get("source");
        JsonPath deleted = operator().get("/reconciliation/source/{topic}/{partition}/{offset}", TOPIC,
                delete.get("partition"), delete.get("offset")).then().statusCode(200).extract().jsonPath();
        assertThat(deleted.getString("operation")).isEqualTo("DELETE");
        assertThat(deleted.getString("row")).isNull();

        // only this service's topics, only keys of its tables
        operator().get("/reconciliation/source/{topic}/0/0", "shop.public.users").then().statusCode(404);
        operator().queryParam("key", "session:1").get("/reconciliation/targets/redis/rows").then().statusCode(404);
        operator().queryParam("key", "USERS:3").get("/reconciliation/targets/elasticsearch/rows").then().statusCode(404);
        operator().get("/reconciliation/targets/redis/rows").then().statusCode(400);
    }

    @Test
    @Order(4)
    void theScheduleSaysHowOftenAndWhenTheNextRunIsDue() {
        JsonPath schedule = operator().get("/reconciliation/schedule").then().statusCode(200).extract().jsonPath();
        assertThat(schedule.getString("every")).isEqualTo("PT1H");
        Instant last = Instant.parse(schedule.getString("lastRunAt"));
        assertThat(last).isEqualTo(reports.latestReport().orElseThrow().startedAt());
        assertThat(Instant.parse(schedule.getString("nextDueAt"))).isEqualTo(last.plus(Duration.ofHours(1)));
    }

    @Test
    @Order(5)
    void onlyOperatorsMayReconcileOrLookAtKeys() {
        given().post("/reconciliation").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "viewer-secret").post("/reconciliation").then().statusCode(403);
        given().auth().preemptive().basic("viewer", "viewer-secret").queryParam("key", "USERS:3")
                .get("/reconciliation/targets/warehouse/rows").then().statusCode(403);
    }

    private static Map<String, Object> listedEntry(JsonPath target, String kind) {
        List<Map<String, Object>> listed = target.getList("listed");
        return listed.stream().filter(entry -> kind.equals(entry.get("kind"))).findFirst().orElseThrow();
    }

    private static void assertCounts(JsonPath target, long missing, long extra, long stale, long different) {
        assertThat(List.of(target.getLong("missing"), target.getLong("extra"), target.getLong("stale"),
                target.getLong("different"))).containsExactly(missing, extra, stale, different);
    }

    /** Each listed key as "KIND key expected actual". */
    private static List<String> listed(JsonPath target) {
        List<Map<String, Object>> listed = target.getList("listed");
        return listed.stream().map(entry -> entry.get("kind") + " " + entry.get("key") + " "
                + entry.get("expectedPosition") + " " + entry.get("targetPosition")).toList();
    }

    private boolean clean(JsonPath report) {
        return report.getList("targets", Map.class).size() == 2 && report.getList("targets.missing", Long.class)
                .stream().allMatch(n -> n == 0) && report.getList("targets.checksumMatch", Boolean.class)
                .stream().allMatch(match -> match) && report.getList("targets.extra", Long.class)
                .stream().allMatch(n -> n == 0) && report.getList("targets.stale", Long.class)
                .stream().allMatch(n -> n == 0) && report.getList("targets.different", Long.class)
                .stream().allMatch(n -> n == 0);
    }

    private static JsonPath target(JsonPath report, String name) {
        List<Map<String, Object>> targets = report.getList("targets");
        return new JsonPath(UserChanges.text(UserChanges.bytes(targets.stream()
                .filter(target -> target.get("target").equals(name)).findFirst().orElseThrow())));
    }

    private static ExtractableResponse<?> reconcile() {
        return operator().post("/reconciliation").then().statusCode(200).extract();
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", "operator-secret");
    }

    /** The value of the series of {@code name} that has all the labels, whatever other labels it has. */
    private static String gauge(String name, String... labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("absent");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, long id, ObjectNode value) {
        StackClients.send(producer, TOPIC, UserChanges.key(id), UserChanges.bytes(value));
    }

    /** Each user's changes at LSNs of their own: {@code change} 0 is the create, 1 the next change. */
    private static long lsn(long id, int change) {
        return LSN + id * 10 + change;
    }

    /** The source position of that change: a streamed PostgreSQL change is {@code lsn << 1 | 1}. */
    private static long position(long id, int change) {
        return lsn(id, change) << 1 | 1;
    }

    private void del(String... keys) {
        Request request = Request.cmd(Command.DEL);
        for (String key : keys) {
            request.arg(key);
        }
        redis.sendAndAwait(request);
    }

    private void set(String key, String value) {
        redis.sendAndAwait(Request.cmd(Command.SET).arg(key).arg(value));
    }
}
