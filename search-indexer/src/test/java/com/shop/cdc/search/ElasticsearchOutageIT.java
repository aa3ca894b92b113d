package com.shop.cdc.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Elasticsearch down for {@link #HOLD}, then hung for {@link #LONG_HOLD}, while users keep changing at
 * the source. The hang outlasts the client's 30 s socket timeout, so a bulk request fails as unanswered, and
 * the consumer's session limit, which a paused service keeps meeting because SmallRye pauses the partitions
 * and goes on polling (users-sink's OutageChaosIT holds a hang past the throttled commit's 60 s watchdog, off
 * in every service's configuration). During each outage readiness is DOWN
 * naming Elasticsearch and answers within {@link #ANSWER_LIMIT}, liveness stays UP, the consumer stays
 * in its group and nothing becomes a dead letter; after it, readiness comes back by itself and every
 * change made during the outage reaches the index. Uses the local stack's Elasticsearch ({@code
 * dev/stack stop|start}, SIGSTOP/SIGCONT of its process) and always leaves it running; needs the
 * connectors. On a stack others use, run it under {@code flock /tmp/cdc-stack.lock}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchOutageIT {

    static final Duration HOLD = Duration.ofSeconds(25);
    static final Duration LONG_HOLD = Duration.ofSeconds(40);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);
    private static final Duration CHANGE_EVERY = Duration.ofSeconds(5);

    @Inject
    RestClient elasticsearch;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "mp.messaging.incoming.changes.group.id")
    String group;

    @Test
    @Order(1)
    void refusedConnectionsPauseAndResume() throws Exception {
        outage("elasticsearch stopped", HOLD, () -> DevStack.stop("elasticsearch"),
                () -> DevStack.start("elasticsearch"));
    }

    @Test
    @Order(2)
    void aHungServerPausesAndResumes() throws Exception {
        outage("elasticsearch hung (SIGSTOP)", LONG_HOLD, () -> DevStack.signal("elasticsearch", "STOP"),
                () -> DevStack.signal("elasticsearch", "CONT"));
    }

    private void outage(String fault, Duration hold, Runnable inject, Runnable recover) throws Exception {
        long before = SourceRows.insertUser("before-" + System.nanoTime() + "@example.com");
        SourceRows.awaitDocument(elasticsearch, json, "test-users", before, Duration.ofSeconds(90));
        double rejected = count("cdc.target.writes", "outcome", "rejected");
        // an outage must not turn a change into a write-stage dead letter; records of the shared topics'
        // backlog that break a rule are dead-lettered at validate whenever their batch completes
        double deadLetters = count("cdc.dead.letters", "stage", "write");
        List<Long> during = new ArrayList<>();
        long began = System.nanoTime();
        Long down = null;
        long slowest = 0;
        try {
            inject.run();
            while (System.nanoTime() - began < hold.toNanos()) {
                if (during.size() * CHANGE_EVERY.toNanos() <= System.nanoTime() - began) {
                    during.add(SourceRows.insertUser("during-" + System.nanoTime() + "@example.com"));
                }
                long asked = System.nanoTime();
                Response readiness = given().get("/q/health/ready");
                slowest = Math.max(slowest, System.nanoTime() - asked);
                if (down == null && readiness.statusCode() == 503) {
                    assertThat(readiness.jsonPath().getString("checks.find { it.name == 'targets' }.data.elasticsearch"))
                            .as("readiness names the target").isNotEqualTo("UP").isNotNull();
                    down = System.nanoTime() - began;
                }
                assertThat(given().get("/q/health/live").statusCode()).as("liveness during the outage").isEqualTo(200);
                Thread.sleep(500);
            }
            assertThat(down).as("readiness went DOWN during the outage").isNotNull();
            assertThat(readiness()).as("readiness at the end of the outage").isEqualTo(503);
            assertThat(members()).as("consumers in group " + group + " at the end of the outage").isPositive();
        } finally {
            recover.run();
        }
        long recovered = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> readiness() == 200);
        long up = System.nanoTime() - recovered;
        for (long id : during) {
            SourceRows.awaitDocument(elasticsearch, json, "test-users", id, Duration.ofSeconds(120));
        }
        assertThat(Duration.ofNanos(slowest)).as("slowest readiness answer").isLessThan(ANSWER_LIMIT);
        assertThat(count("cdc.target.writes", "outcome", "rejected")).as("changes rejected by Elasticsearch").isEqualTo(rejected);
        assertThat(count("cdc.dead.letters", "stage", "write")).as("dead letters at write").isEqualTo(deadLetters);
        System.out.printf("[chaos] %s: readiness DOWN %.1f s after the fault; UP %.1f s after recovery; "
                + "%d changes during the outage indexed; slowest readiness answer %d ms; outage held %d s%n",
                fault, down / 1e9, up / 1e9, during.size(), slowest / 1_000_000, hold.toSeconds());
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }

    private double count(String name, String... tags) {
        return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private int members() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }
}
