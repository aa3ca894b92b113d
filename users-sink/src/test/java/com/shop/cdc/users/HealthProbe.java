package com.shop.cdc.users;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service's health endpoints as an orchestrator asks them: each answer timed, and a request that
 * hangs given up after {@link #GIVE_UP} instead of stalling the test.
 */
final class HealthProbe {

    static final Duration GIVE_UP = Duration.ofSeconds(30);

    /** One answer: its HTTP status, how long it took, and the checks it named. */
    record Answer(int status, Duration took, String body) {

        boolean up() {
            return status == 200;
        }

        /**
         * Whether a check DOWN names the target: {@code redis} or {@code warehouse} in the targets
         * check's details, {@code ledger} the ledger's check, {@code kafka} the messaging one's.
         */
        boolean namesDown(String target) {
            if (status != 503) {
                return false;
            }
            List<Map<String, Object>> checks = new JsonPath(body).getList("checks");
            return checks.stream().filter(check -> "DOWN".equals(check.get("status"))).anyMatch(check -> {
                String name = String.valueOf(check.get("name"));
                Object data = check.get("data");
                return switch (target) {
                    case "ledger" -> name.equals("ledger");
                    case "kafka" -> name.contains("Reactive Messaging");
                    default -> name.equals("targets") && data instanceof Map<?, ?> details
                            && details.get(target) != null && !"UP".equals(details.get(target));
                };
            });
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Answer ready() {
        return ask("/q/health/ready");
    }

    Answer live() {
        return ask("/q/health/live");
    }

    private Answer ask(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(GIVE_UP).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Duration.ofNanos(System.nanoTime() - started), response.body());
        } catch (IOException e) {
            return new Answer(-1, Duration.ofNanos(System.nanoTime() - started), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
