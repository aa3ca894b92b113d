package com.shop.cdc.console.services;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The services' own APIs, called directly by URL as their account {@code console}, naming the signed-in
 * person in {@code X-Cdc-Acting-For} so that their ledgers record who acted. Readiness is not asked
 * first: a service whose target is down still answers its API.
 */
@ApplicationScoped
public class ServiceApi {

    static final String ACTING_FOR = "X-Cdc-Acting-For";

    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final HttpClient client;
    private final String authorization;

    public ServiceApi(ConsoleConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("console:" + config.servicePassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** The configured services' names, sorted. */
    public Set<String> names() {
        return new TreeSet<>(config.services().keySet());
    }

    public Health health(String service) {
        HttpResponse<String> response = send(service, request(service, "/q/health/ready", null).GET(), config.timeout());
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            throw failure(service, response);
        }
        return parse(service, response.body(), new TypeReference<>() { });
    }

    public DeadLetterPage deadLetters(String service, DeadLetterQuery query, int page, int size) {
        String parameters = query.queryString();
        return call(service, "/dead-letters?" + (parameters.isEmpty() ? "" : parameters + "&") + "page=" + page
                + "&size=" + size, null, HttpRequest.BodyPublishers.noBody(), "GET", config.timeout(), new TypeReference<>() { });
    }

    public DeadLetter deadLetter(String service, long id) {
        return call(service, "/dead-letters/" + id, null, HttpRequest.BodyPublishers.noBody(), "GET", config.timeout(),
                new TypeReference<>() { });
    }

    public ReplayResult replay(String service, long id, String actor) {
        return call(service, "/dead-letters/" + id + "/replay", actor, HttpRequest.BodyPublishers.noBody(), "POST",
                config.timeout(), new TypeReference<>() { });
    }

    public DeadLetter discard(String service, long id, String reason, String actor) {
        String body;
        try {
            body = json.writeValueAsString(json.createObjectNode().put("reason", reason));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return call(service, "/dead-letters/" + id + "/discard", actor, HttpRequest.BodyPublishers.ofString(body), "POST",
                config.timeout(), new TypeReference<>() { });
    }

    /** Runs a reconciliation and waits for it: the report as the service answered it (JSON), to keep whole. */
    public String reconcile(String service, String actor) {
        JsonNode report = call(service, "/reconciliation", actor, HttpRequest.BodyPublishers.noBody(), "POST",
                config.reconciliationTimeout(), new TypeReference<>() { });
        return report.toString();
    }

    /** The service's latest stored report; empty when it has none yet. */
    public Optional<ReconciliationReport> latestReconciliation(String service) {
        return find(service, "/reconciliation/latest", new TypeReference<>() { });
    }

    /** When the service reconciles itself; empty from a service without the schedule's API. */
    public Optional<Schedule> schedule(String service) {
        return find(service, "/reconciliation/schedule", new TypeReference<>() { });
    }

    /** A record of the service's source topics and what its pipeline makes of it; empty when it is not there. */
    public Optional<SourceChange> sourceChange(String service, String topic, int partition, long offset) {
        return find(service, "/reconciliation/source/" + encoded(topic) + "/" + partition + "/" + offset,
                new TypeReference<>() { });
    }

    /** What one of the service's targets holds under a key; empty when it holds nothing there. */
    public Optional<TargetRow> targetRow(String service, String target, String key) {
        return find(service, "/reconciliation/targets/" + encoded(target) + "/rows?key=" + encoded(key),
                new TypeReference<>() { });
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A GET whose 404 means "nothing there", not a failure. */
    private <T> Optional<T> find(String service, String path, TypeReference<T> type) {
        HttpResponse<String> response = send(service, request(service, path, null).GET(), config.timeout());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(service, response);
        }
        return Optional.of(parse(service, response.body(), type));
    }

    private <T> T call(String service, String path, String actor, HttpRequest.BodyPublisher body, String method,
                       Duration timeout, TypeReference<T> type) {
        HttpRequest.Builder request = request(service, path, actor).header("Content-Type", "application/json")
                .method(method, body);
        HttpResponse<String> response = send(service, request, timeout);
        if (response.statusCode() != 200) {
            throw failure(service, response);
        }
        return parse(service, response.body(), type);
    }

    private HttpRequest.Builder request(String service, String path, String actor) {
        ConsoleConfig.Service target = config.services().get(service);
        if (target == null) {
            throw new ServiceCallException("no service " + service + " is configured", 404, null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url().toString().replaceAll("/$", "") + path))
                .header("Authorization", authorization).header("Accept", "application/json");
        return actor == null ? request : request.header(ACTING_FOR, actor);
    }

    private HttpResponse<String> send(String service, HttpRequest.Builder request, Duration timeout) {
        try {
            return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceCallException(service + " does not answer (" + e.getClass().getSimpleName() + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException(service + ": interrupted", 0, e);
        }
    }

    private <T> T parse(String service, String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ServiceCallException(service + " answered something that is not its API's JSON", 0, e);
        }
    }

    private ServiceCallException failure(String service, HttpResponse<String> response) {
        String error = "";
        try {
            JsonNode body = json.readTree(response.body());
            error = body != null && body.hasNonNull("error") ? ": " + body.get("error").asText() : "";
        } catch (IOException e) {
            // not the API's error body: the status says enough
        }
        return new ServiceCallException(service + " answered " + response.statusCode() + error, response.statusCode(), null);
    }
}
