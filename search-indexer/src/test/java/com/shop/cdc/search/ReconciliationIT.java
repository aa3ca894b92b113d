package com.shop.cdc.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation of the Elasticsearch indexes against the real Kafka and Elasticsearch: the
 * service reads a users topic of its own into indexes of its own prefix, so the report is about
 * this test's documents only: zero after a clean run, then a document removed, a delete marker
 * turned back into a document and a document at an older position are each reported.
 */
@QuarkusTest
@TestProfile(ReconciliationIT.OwnTopicAndIndexes.class)
class ReconciliationIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36) + ThreadLocalRandom.current().nextInt(1000);
    static final String TOPIC = "reconcile-it-search." + RUN;
    static final String PREFIX = "reconcile-it-" + RUN + "-";
    static final String INDEX = PREFIX + "users-v1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int USERS = 10;
    static final long LSN = 5_000_000;
    /** A decimal a double would change: read back from the index exactly as stored. */
    static final String BALANCE = "0.1000000000000000055511151231257827";

    /** The indexer as configured, reading only this test's topic (plain JSON, no schemas) into indexes of its own prefix. */
    public static class OwnTopicAndIndexes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String topic = "cdc.pipeline.topics.\"" + TOPIC + "\".";
            return Map.of("mp.messaging.incoming.changes.topics", TOPIC,
                    topic + "schemas", "false",
                    topic + "transforms", "email:email",
                    topic + "rules", "required:email,email:email",
                    "cdc.elasticsearch.index-prefix", PREFIX,
                    "quarkus.application.name", "search-indexer-reconcile-it");
        }
    }

    @Inject
    RestClient elasticsearch;

    @BeforeAll
    static void produce() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:9092"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long id = 1; id <= USERS; id++) {
                send(producer, id, change(id, "c", lsn(id, 0)));
            }
            send(producer, 9, change(9, "d", lsn(9, 1)));
            producer.send(new ProducerRecord<>(TOPIC, key(9), null)).get();
        }
    }

    @AfterAll
    static void dropIndexes() throws Exception {
        try (RestClient client = RestClient.builder(org.apache.http.HttpHost.create("127.0.0.1:9200")).build()) {
            client.performRequest(new Request("DELETE", "/" + PREFIX + "*"));
            client.performRequest(new Request("DELETE", "/_index_template/" + PREFIX + "*"));
        }
    }

    @Test
    void aCleanRunIsZeroThenARemovedAResurrectedAndAStaleDocumentAreEachReported() throws Exception {
        JsonPath clean = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(ReconciliationIT::reconcile, report -> report.getList("targets").size() == 1
                        && report.getLong("targets[0].missing") == 0 && report.getBoolean("targets[0].checksumMatch"));
        assertThat(clean.getString("targets[0].target")).isEqualTo("elasticsearch");
        assertThat(clean.getLong("targets[0].sourceKeys")).isEqualTo(USERS - 1);
        assertThat(clean.getLong("targets[0].targetKeys")).isEqualTo(USERS - 1);
        assertThat(clean.getList("targets[0].listed")).isEmpty();

        call("DELETE", "/" + INDEX + "/_doc/3?refresh=true", null);
        call("PUT", "/" + INDEX + "/_doc/5?refresh=true", Map.of("id", 5, "balance", new BigDecimal(BALANCE),
                "_cdc", Map.of("position", position(5, 0) - 2, "deleted", false)));
        call("PUT", "/" + INDEX + "/_doc/9?refresh=true", Map.of("id", 9, "_cdc", Map.of("position", position(9, 1), "deleted", false)));

        JsonPath report = reconcile();
        List<Map<String, Object>> listed = report.getList("targets[0].listed");
        assertThat(listed.stream().map(entry -> entry.get("kind") + " " + entry.get("key") + " "
                + entry.get("expectedPosition") + " " + entry.get("targetPosition")).toList()).containsExactly(
                "EXTRA users:9 " + position(9, 1) + " " + position(9, 1),
                "MISSING users:3 " + position(3, 0) + " null",
                "STALE users:5 " + position(5, 0) + " " + (position(5, 0) - 2));
        assertThat(report.getBoolean("targets[0].checksumMatch")).isFalse();

        // a listed key as the index holds it now, by the name the report gives it
        JsonPath stale = given().auth().preemptive().basic("operator", "operator-secret").queryParam("key", "users:5")
                .get("/reconciliation/targets/elasticsearch/rows").then().statusCode(200).extract().jsonPath();
        assertThat(stale.getLong("position")).isEqualTo(position(5, 0) - 2);
        assertThat(stale.getBoolean("deleted")).isFalse();
        // the document as stored, its decimal exact, without the indexer's bookkeeping
        assertThat(stale.getString("row")).contains("\"id\":5", "\"balance\":" + BALANCE).doesNotContain("_cdc");
        given().auth().preemptive().basic("operator", "operator-secret").queryParam("key", "users:3")
                .get("/reconciliation/targets/elasticsearch/rows").then().statusCode(404);
    }

    private static JsonPath reconcile() {
        return given().auth().preemptive().basic("operator", "operator-secret").post("/reconciliation")
                .then().statusCode(200).extract().jsonPath();
    }

    private void call(String method, String endpoint, Object body) throws Exception {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new NStringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
        }
        elasticsearch.performRequest(request);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, long id, Map<String, Object> value)
            throws ExecutionException, InterruptedException, com.fasterxml.jackson.core.JsonProcessingException {
        producer.send(new ProducerRecord<>(TOPIC, key(id), JSON.writeValueAsBytes(value))).get();
    }

    private static byte[] key(long id) {
        return UserChanges.key(id);
    }

    private static Map<String, Object> change(long id, String op, long lsn) {
        return UserChanges.change(id, op, lsn, "user" + id + "@example.com", "User " + id);
    }

    private static long lsn(long id, int change) {
        return LSN + id * 10 + change;
    }

    /** A streamed PostgreSQL change's position: {@code lsn << 1 | 1}. */
    private static long position(long id, int change) {
        return lsn(id, change) << 1 | 1;
    }
}
