package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alert rules and the dashboards name is one a running service exposes: scraped
 * from this service after it has written a change, dead-lettered a bad record and reconciled.
 */
@QuarkusTest
class MetricsContractIT {

    private static final Path MONITORING = Path.of("..", "k8s", "base", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b(?:cdc|ft)_[a-z0-9_]+\\b");

    @Test
    void everyMetricOfTheAlertsAndDashboardsIsExposed() throws Exception {
        Set<String> named = new TreeSet<>();
        named.addAll(metricsIn(MONITORING.resolve("alerts.yaml")));
        named.addAll(metricsIn(MONITORING.resolve("dashboards.yaml")));
        assertThat(named).contains("cdc_end_to_end_latency_seconds_bucket", "cdc_consumer_lag", "cdc_dead_letters_total");

        StackClients.ensureTopic(DeadLetterIT.TOPIC, 3);
        long id = 8_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
        try (KafkaProducer<byte[], byte[]> producer = StackClients.producer()) {
            StackClients.send(producer, DeadLetterIT.TOPIC, UserChanges.key(id),
                    UserChanges.bytes(UserChanges.create(id, "metrics@example.com", System.currentTimeMillis() * 1_000)));
            StackClients.send(producer, DeadLetterIT.TOPIC, UserChanges.key(id + 1),
                    UserChanges.create(id + 1, "not an email", System.currentTimeMillis() * 1_000 + 1, change -> {
                    }));
        }
        // The reconciliation gauges exist once a reconciliation has run.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().preemptive()
                .basic("operator", "operator-secret").post("/reconciliation").then().statusCode(200));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String exposed = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Set<String> missing = new TreeSet<>();
            for (String metric : named) {
                if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(exposed).find()) {
                    missing.add(metric);
                }
            }
            assertThat(missing).as("named in k8s/base/monitoring but not exposed").isEmpty();
        });
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
