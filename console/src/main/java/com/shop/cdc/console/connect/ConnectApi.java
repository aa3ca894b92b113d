package com.shop.cdc.console.connect;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Kafka Connect's REST API: the connectors with their tasks' states, and restarting one. */
@ApplicationScoped
public class ConnectApi {

    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final HttpClient client;

    public ConnectApi(ConsoleConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** @throws IllegalStateException saying why Connect could not be read */
    public List<Connector> connectors() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors?expand=status")).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Kafka Connect answered " + response.statusCode());
        }
        try {
            List<Connector> connectors = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : json.readTree(response.body()).properties()) {
                JsonNode status = entry.getValue().path("status");
                List<Connector.Task> tasks = new ArrayList<>();
                for (JsonNode task : status.path("tasks")) {
                    tasks.add(new Connector.Task(task.path("id").asInt(), task.path("state").asText(),
                            task.path("worker_id").asText(), task.path("trace").asText(null)));
                }
                connectors.add(new Connector(entry.getKey(), status.path("type").asText(""),
                        status.path("connector").path("state").asText(), status.path("connector").path("worker_id").asText(),
                        tasks));
            }
            connectors.sort(Comparator.comparing(Connector::name));
            return connectors;
        } catch (IOException e) {
            throw new IllegalStateException("Kafka Connect answered something that is not its API's JSON", e);
        }
    }

    /** Restarts the connector and its tasks; returns Connect's status code (202 or 204 when accepted). */
    public int restart(String connector) {
        String path = "/connectors/" + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20")
                + "/restart?includeTasks=true&onlyFailed=false";
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    private URI uri(String path) {
        return URI.create(config.connect().url().toString().replaceAll("/$", "") + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(config.timeout()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Kafka Connect at " + config.connect().url() + " does not answer ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
