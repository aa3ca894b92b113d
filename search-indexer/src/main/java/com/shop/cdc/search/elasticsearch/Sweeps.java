package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Walks every document of a concrete index that matches a query, page by page (a scroll, as the
 * server has no delete-by-query), after a refresh so that every acknowledged write is seen.
 */
final class Sweeps {

    private static final String KEEP_ALIVE = "2m";

    private final ElasticsearchHttp http;
    private final int pageSize;

    Sweeps(ElasticsearchHttp http, int pageSize) {
        this.http = http;
        this.pageSize = pageSize;
    }

    /** Each page of hits ({@code _id}, and {@code _seq_no}/{@code _primary_term}), with no source. */
    void forEachPage(String index, Map<String, Object> query, Consumer<List<JsonNode>> page) {
        walk(index, query, false, page);
    }

    /** Each page of hits with their {@code _source} and {@code _version}: what a rewrite at the same version needs. */
    void forEachSourcedPage(String index, Map<String, Object> query, Consumer<List<JsonNode>> page) {
        walk(index, query, true, page);
    }

    private void walk(String index, Map<String, Object> query, boolean sourced, Consumer<List<JsonNode>> page) {
        http.call("POST", "/" + index + "/_refresh", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", pageSize);
        body.put("query", query);
        body.put("sort", List.of("_doc"));
        body.put("_source", sourced);
        body.put("version", sourced);
        body.put("seq_no_primary_term", true);
        JsonNode response = http.call("POST", "/" + index + "/_search?scroll=" + KEEP_ALIVE, body);
        String scrollId = response.path("_scroll_id").asText();
        try {
            while (response.path("hits").path("hits").size() > 0) {
                List<JsonNode> hits = new ArrayList<>();
                response.path("hits").path("hits").forEach(hits::add);
                page.accept(hits);
                response = http.call("POST", "/_search/scroll", Map.of("scroll", KEEP_ALIVE, "scroll_id", scrollId));
                scrollId = response.path("_scroll_id").asText(scrollId);
            }
        } finally {
            http.callOrNotFound("DELETE", "/_search/scroll", Map.of("scroll_id", scrollId));
        }
    }

    static Map<String, Object> olderThan(String field, long position) {
        return Map.of("range", Map.of(field, Map.of("lt", position)));
    }

    static Map<String, Object> term(String field, Object value) {
        return Map.of("term", Map.of(field, value));
    }
}
