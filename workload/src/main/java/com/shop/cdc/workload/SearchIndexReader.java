package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every document visible through an Elasticsearch alias (its filter hides delete markers), read
 * with a scroll: what the check compares with the source.
 */
final class SearchIndexReader {

    private static final int PAGE = 1000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String baseUrl;

    SearchIndexReader(ObjectMapper json, String baseUrl) {
        this.json = json;
        this.baseUrl = baseUrl;
    }

    /** Document id → {@code _source} of every document behind {@code alias}; none when the alias does not exist yet. */
    Map<String, JsonNode> documents(String alias) throws IOException, InterruptedException {
        Map<String, JsonNode> documents = new TreeMap<>();
        JsonNode page = post("/" + alias + "/_search?scroll=1m", Map.of("size", PAGE, "sort", List.of("_doc")));
        if (page == null) {
            return documents;
        }
        String scroll = page.path("_scroll_id").asText();
        try {
            while (page.path("hits").path("hits").size() > 0) {
                page.path("hits").path("hits").forEach(hit -> documents.put(hit.path("_id").asText(), hit.path("_source")));
                page = post("/_search/scroll", Map.of("scroll", "1m", "scroll_id", scroll));
            }
        } finally {
            send(HttpRequest.newBuilder(URI.create(baseUrl + "/_search/scroll")).method("DELETE",
                    HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("scroll_id", scroll)))));
        }
        return documents;
    }

    private JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("Elasticsearch answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
