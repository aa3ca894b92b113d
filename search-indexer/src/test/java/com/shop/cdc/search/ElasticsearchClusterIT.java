package com.shop.cdc.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The indexer on a 3-node cluster ({@link ElasticsearchCluster}) with one replica per index, reading a
 * users topic of its own at {@value #PER_SECOND} changes a second: (1) the index is green and equals
 * the changes sent; (2) a node holding a copy of the users index, not the elected master, is killed
 * for {@link #OUTAGE}: the cluster goes yellow, readiness stays up, the indexer keeps writing through
 * the other nodes, nothing is rejected or dead-lettered; (3) the node back, the cluster is green again
 * and the index equals every change sent. Prints the time from the kill to the next acknowledged write
 * and the write rate before and during the outage.
 */
@QuarkusTest
@TestProfile(ElasticsearchClusterIT.OnTheCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchClusterIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36) + ThreadLocalRandom.current().nextInt(1000);
    static final String TOPIC = "cluster-it-search." + RUN;
    static final String PREFIX = "cluster-it-" + RUN + "-";
    static final String USERS = PREFIX + "users";
    static final int KEYS = 500;
    static final int PER_SECOND = 100;
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration BEFORE = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();
    // The test's own client: the indexer's must learn of the dead node by itself.
    static final RestClient CLUSTER = RestClient.builder(Arrays.stream(ElasticsearchCluster.HOSTS.split(","))
            .map(HttpHost::create).toArray(HttpHost[]::new)).build();
    static UserFeed feed;

    /** The indexer as configured, on the three nodes with a replica, reading only this test's topic into indexes of its own prefix. */
    public static class OnTheCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String topic = "cdc.pipeline.topics.\"" + TOPIC + "\".";
            return Map.of("mp.messaging.incoming.changes.topics", TOPIC,
                    topic + "schemas", "false",
                    topic + "transforms", "email:email",
                    topic + "rules", "required:email,email:email",
                    "cdc.elasticsearch.index-prefix", PREFIX,
                    "cdc.elasticsearch.replicas", "1",
                    "quarkus.application.name", "search-indexer-cluster-it");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ElasticsearchCluster.class));
        }
    }

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        feed = new UserFeed(TOPIC, KEYS);
    }

    @AfterAll
    static void closeClients() throws Exception {
        feed.close();
        CLUSTER.close();
    }

    @Test
    @Order(1)
    void changesAreIndexedWithTheirReplicas() throws Exception {
        feed.everyKeyOnce();
        awaitIndexEqualsTheChanges(Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(60)).until(() -> health().path("status").asText().equals("green"));
        JsonNode index = get("/_cluster/health/" + USERS + "?level=indices").path("indices").elements().next();
        assertThat(index.path("active_shards").asInt()).as("primary and replica started").isEqualTo(2);
    }

    @Test
    @Order(2)
    void aKilledNodeLosesNothing() throws Exception {
        double rejected = count("cdc.target.writes", "outcome", "rejected");
        double deadLetters = count("cdc.dead.letters");
        double failedWrites = count("cdc.target.retries");
        feed.steadily(PER_SECOND / 10, Duration.ofMillis(100));
        Thread.sleep(2_000);
        double start = acknowledged();
        Thread.sleep(BEFORE.toMillis());
        double beforeRate = (acknowledged() - start) / BEFORE.toSeconds();

        int victim = nodeToKill();
        double atKill = acknowledged();
        long killed = System.nanoTime();
        ElasticsearchCluster.kill(victim);
        Long nextWrite = null;
        boolean yellow = false;
        while (System.nanoTime() - killed < OUTAGE.toNanos()) {
            if (nextWrite == null && acknowledged() > atKill) {
                nextWrite = System.nanoTime() - killed;
            }
            if (!yellow) {
                JsonNode health = health();
                yellow = health.path("status").asText().equals("yellow") && health.path("number_of_nodes").asInt() == 2;
            }
            assertThat(given().get("/q/health/ready").statusCode()).as("readiness with a node down").isEqualTo(200);
            Thread.sleep(50);
        }
        double outageRate = (acknowledged() - atKill) / OUTAGE.toSeconds();

        assertThat(yellow).as("the cluster went yellow with 2 nodes").isTrue();
        assertThat(nextWrite).as("a write acknowledged after the kill").isNotNull();
        assertThat(outageRate).as("changes acknowledged a second with a node down").isGreaterThan(PER_SECOND / 2.0);
        assertThat(count("cdc.target.writes", "outcome", "rejected")).as("rejected").isEqualTo(rejected);
        assertThat(count("cdc.dead.letters")).as("dead letters").isEqualTo(deadLetters);
        System.out.printf("[cluster] node es-%d killed: next write acknowledged %d ms after; acknowledged changes/s "
                + "before %.0f, during %d s with 2 nodes %.0f; failed write attempts %.0f (sending %d/s)%n", victim,
                nextWrite / 1_000_000, beforeRate, OUTAGE.toSeconds(), outageRate, count("cdc.target.retries") - failedWrites,
                PER_SECOND);
    }

    @Test
    @Order(3)
    void theNodeBackMakesItGreenAndTheIndexEqualsEveryChange() throws Exception {
        long restarted = System.nanoTime();
        ElasticsearchCluster.up();
        long green = System.nanoTime() - restarted;
        feed.stop();
        awaitIndexEqualsTheChanges(Duration.ofSeconds(60));
        assertThat(health().path("status").asText()).isEqualTo("green");
        System.out.printf("[cluster] node back and cluster green in %.1f s; %d changes sent, index equal to the last of each of %d keys%n",
                green / 1e9, feed.sent(), KEYS);
    }

    private void awaitIndexEqualsTheChanges(Duration atMost) {
        Map<String, Map<String, String>> expected = new HashMap<>();
        feed.latest().forEach((id, row) -> expected.put(id.toString(), strings(row)));
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(documents()).isEqualTo(expected));
    }

    /** The live documents by id, with the fields the feed sets. */
    private static Map<String, Map<String, String>> documents() throws Exception {
        CLUSTER.performRequest(new Request("POST", "/" + USERS + "/_refresh"));
        Request search = new Request("POST", "/" + USERS + "/_search");
        search.setJsonEntity("{\"size\": 10000, \"_source\": [\"id\", \"email\", \"full_name\"]}");
        Map<String, Map<String, String>> documents = new HashMap<>();
        JSON.readTree(CLUSTER.performRequest(search).getEntity().getContent()).path("hits").path("hits").forEach(hit ->
                documents.put(hit.path("_id").asText(), strings(JSON.convertValue(hit.path("_source"), Map.class))));
        return documents;
    }

    private static Map<String, String> strings(Map<?, ?> row) {
        Map<String, String> strings = new HashMap<>();
        row.forEach((field, value) -> strings.put(field.toString(), String.valueOf(value)));
        return strings;
    }

    /** A node holding a copy of the users index that is not the elected master, the primary's when it can be. */
    private static int nodeToKill() throws Exception {
        String master = get("/_cat/master?format=json").get(0).path("node").asText();
        JsonNode shards = get("/_cat/shards/" + USERS + "?format=json&h=prirep,node");
        String chosen = null;
        for (JsonNode shard : shards) {
            String node = shard.path("node").asText();
            if (!node.equals(master) && (chosen == null || shard.path("prirep").asText().equals("p"))) {
                chosen = node;
            }
        }
        assertThat(chosen).as("a copy of the users index outside the master " + master + ": " + shards).isNotNull();
        return Integer.parseInt(chosen.substring("es-".length()));
    }

    private static JsonNode health() throws Exception {
        return get("/_cluster/health");
    }

    private static JsonNode get(String endpoint) throws Exception {
        return JSON.readTree(CLUSTER.performRequest(new Request("GET", endpoint)).getEntity().getContent());
    }

    /** Changes the indexer has acknowledged: written, or already there (a write retried after it went through). */
    private double acknowledged() {
        return count("cdc.target.writes", "outcome", "written") + count("cdc.target.writes", "outcome", "stale");
    }

    private double count(String name, String... tags) {
        return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
