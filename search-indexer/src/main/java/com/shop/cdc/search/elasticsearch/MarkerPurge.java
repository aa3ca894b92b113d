package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Removes delete markers indexed before a given time. Each is deleted only if it is still the
 * marker that was found ({@code if_seq_no}/{@code if_primary_term}): a key written again since
 * stays. An order document goes only once its order row is gone and it has no lines left. A
 * purged key is unprotected again: a replay of a change older than its delete would bring it
 * back, so the retention must exceed the topics' retention.
 */
final class MarkerPurge {

    private final Sweeps sweeps;
    private final BulkSender bulk;

    MarkerPurge(Sweeps sweeps, BulkSender bulk) {
        this.sweeps = sweeps;
        this.bulk = bulk;
    }

    int purge(IndexLayout layout, Instant indexedBefore) {
        AtomicInteger purged = new AtomicInteger();
        for (SearchIndex index : SearchIndex.values()) {
            String concrete = layout.concrete(index);
            List<Object> mustNot = new ArrayList<>();
            if (index == SearchIndex.ORDERS) {
                mustNot.add(Map.of("nested", Map.of("path", OrderDocument.LINES,
                        "query", Map.of("exists", Map.of("field", OrderDocument.LINES + ".line_no")))));
            }
            Map<String, Object> query = Map.of("bool", Map.of(
                    "filter", List.of(Sweeps.term(Bookkeeping.FIELD + ".deleted", true),
                            Map.of("range", Map.of(Bookkeeping.FIELD + ".indexed_at", Map.of("lt", indexedBefore.toString())))),
                    "must_not", mustNot));
            sweeps.forEachPage(concrete, query, hits -> {
                List<BulkAction> deletes = new ArrayList<>();
                for (JsonNode hit : hits) {
                    deletes.add(BulkAction.deleteIfUnchanged(concrete, hit.path("_id").asText(),
                            hit.path("_seq_no").asLong(), hit.path("_primary_term").asLong()));
                }
                bulk.send(deletes).forEach(result -> {
                    if (result instanceof ItemResult.Done) {
                        purged.incrementAndGet();
                    }
                });
            });
        }
        return purged.get();
    }
}
