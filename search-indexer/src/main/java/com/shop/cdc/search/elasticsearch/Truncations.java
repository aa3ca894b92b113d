package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Truncate barriers, one document per source table carrying the truncate's position as its
 * external version: raising it is idempotent and never lowers it. Changes at or below a table's
 * barrier are older than its last truncate and are ignored.
 */
final class Truncations {

    private final ElasticsearchHttp http;
    private final BulkSender bulk;

    Truncations(ElasticsearchHttp http, BulkSender bulk) {
        this.http = http;
        this.bulk = bulk;
    }

    /** The barrier of each table (0 when never truncated). */
    Map<String, Long> read(IndexLayout layout, Set<String> tables) {
        Map<String, Long> barriers = new HashMap<>();
        if (tables.isEmpty()) {
            return barriers;
        }
        JsonNode docs = http.call("POST", "/" + layout.truncations() + "/_mget", Map.of("ids", tables)).path("docs");
        for (JsonNode doc : docs) {
            barriers.put(doc.path("_id").asText(), doc.path("found").asBoolean() ? doc.path("_version").asLong() : 0L);
        }
        return barriers;
    }

    void raise(IndexLayout layout, String table, long position) {
        bulk.send(List.of(BulkAction.externalVersion(new IndexTarget(layout.truncations(), false), table, position,
                Map.of("position", position))));
    }
}
