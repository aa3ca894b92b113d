package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Indexes of one test run on the local Elasticsearch, under a prefix of their own, removed afterwards. */
final class TestIndexes implements AutoCloseable {

    static final Sources SOURCES = new Sources("catalog.products", "shop.public.users", "shop_orders.orders",
            "shop_orders.order_items");

    final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final RestClient client = RestClient.builder(new HttpHost("127.0.0.1", 9200)).build();
    final ObjectMapper json = new ObjectMapper();
    final ElasticsearchHttp http = new ElasticsearchHttp(client, json);

    ElasticsearchChangeWriter writer() {
        return writer(new BulkLimits(1000, 5 * 1024 * 1024, 2, 3, Duration.ofMillis(50)), 1);
    }

    ElasticsearchChangeWriter writer(BulkLimits limits, int generation) {
        return new ElasticsearchChangeWriter(http, settings(limits, generation, SOURCES));
    }

    ElasticsearchChangeWriter writer(Sources sources) {
        return new ElasticsearchChangeWriter(http, settings(new BulkLimits(1000, 5 * 1024 * 1024, 2, 3,
                Duration.ofMillis(50)), 1, sources));
    }

    IndexerSettings settings(BulkLimits limits, int generation) {
        return settings(limits, generation, SOURCES);
    }

    IndexerSettings settings(BulkLimits limits, int generation, Sources sources) {
        return new IndexerSettings(prefix, 0, 2, limits, Duration.ofSeconds(2), sources,
                Map.of(SearchIndex.PRODUCTS, generation, SearchIndex.USERS, generation, SearchIndex.ORDERS, generation),
                Set.of("phone", "birth_date"));
    }

    String alias(SearchIndex index) {
        return prefix + index.baseName();
    }

    /** What a search through the alias finds, by document id. */
    Map<String, Map<String, Object>> searchable(SearchIndex index) {
        return documents(alias(index));
    }

    /** Every document of the index, delete markers included. */
    Map<String, Map<String, Object>> stored(SearchIndex index) {
        return documents(alias(index) + "-v1");
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> documents(String name) {
        http.call("POST", "/" + name + "/_refresh", null);
        JsonNode hits = http.call("POST", "/" + name + "/_search", Map.of("size", 10_000, "query", Map.of("match_all", Map.of())))
                .path("hits").path("hits");
        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        hits.forEach(hit -> documents.put(hit.path("_id").asText(), json.convertValue(hit.path("_source"), Map.class)));
        return documents;
    }

    long count(SearchIndex index, Map<String, Object> query) {
        http.call("POST", "/" + alias(index) + "/_refresh", null);
        return http.call("POST", "/" + alias(index) + "/_count", Map.of("query", query)).path("count").asLong();
    }

    @Override
    public void close() throws IOException {
        http.callOrNotFound("DELETE", "/" + prefix + "*", null);
        for (SearchIndex index : SearchIndex.values()) {
            http.callOrNotFound("DELETE", "/_index_template/" + alias(index), null);
        }
        client.close();
    }
}
