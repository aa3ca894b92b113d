package com.shop.cdc.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch stopped for about 30 s while users keep changing at the source: readiness goes
 * down, nothing is rejected, and once it is back every change reaches the index. Stops the local
 * stack's Elasticsearch ({@code dev/stack stop}) and always starts it again. Needs the connectors.
 */
@QuarkusTest
class ElasticsearchOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Inject
    RestClient elasticsearch;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @Test
    void changesDuringAnOutageArriveAfterItWithoutRejections() throws Exception {
        long before = SourceRows.insertUser("before-outage@example.com");
        SourceRows.awaitDocument(elasticsearch, json, "test-users", before, Duration.ofSeconds(60));
        double rejected = rejected();
        List<Long> during = new ArrayList<>();
        try {
            DevStack.stop("elasticsearch");
            for (int i = 0; i < 3; i++) {
                during.add(SourceRows.insertUser("during-outage-" + i + "@example.com"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 503);
            Thread.sleep(OUTAGE.toMillis()); // the service keeps retrying the batch meanwhile
            assertThat(readiness()).isEqualTo(503);
        } finally {
            DevStack.start("elasticsearch");
        }
        for (long id : during) {
            SourceRows.awaitDocument(elasticsearch, json, "test-users", id, Duration.ofSeconds(120));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
        assertThat(rejected()).as("changes rejected by Elasticsearch").isEqualTo(rejected);
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }

    private double rejected() {
        Counter counter = registry.find("cdc.target.writes").tags("target", "elasticsearch", "outcome", "rejected").counter();
        return counter == null ? 0 : counter.count();
    }
}
