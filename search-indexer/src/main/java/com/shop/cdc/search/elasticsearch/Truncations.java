package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Truncate barriers, one document per source table (in the barrier index of the index it feeds,
 * {@link IndexNames#truncations()}) carrying the truncate's position as its external version:
 * raising it is idempotent and never lowers it. Changes at or below a table's barrier are older
 * than its last truncate and are ignored.
 */
final class Truncations {

    private final ElasticsearchHttp http;
    private final BulkSender bulk;
    private final Map<String, String> indexOfTable;

    /** @param indexOfTable the barrier index of each source table */
    Truncations(ElasticsearchHttp http, BulkSender bulk, Map<String, String> indexOfTable) {
        this.http = http;
        this.bulk = bulk;
        this.indexOfTable = Map.copyOf(indexOfTable);
    }

    /** The barrier of each table (0 when never truncated). */
    Map<String, Long> read(Set<String> tables) {
        Map<String, Long> barriers = new HashMap<>();
        if (tables.isEmpty()) {
            return barriers;
        }
        List<Map<String, String>> docs = new ArrayList<>();
        tables.forEach(table -> docs.add(Map.of("_index", indexOfTable.get(table), "_id", table)));
        for (JsonNode doc : http.call("POST", "/_mget", Map.of("docs", docs)).path("docs")) {
            barriers.put(doc.path("_id").asText(), doc.path("found").asBoolean() ? doc.path("_version").asLong() : 0L);
        }
        return barriers;
    }

    void raise(String table, long position) {
        bulk.send(List.of(BulkAction.externalVersion(new IndexTarget(indexOfTable.get(table), false), table, position,
                Map.of("position", position))));
    }
}
