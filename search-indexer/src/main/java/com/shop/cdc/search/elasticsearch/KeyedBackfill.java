package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Gives the live documents of a products or users index the declared defaults they lack. The
 * server has no painless (no {@code _update_by_query} with a script), and an {@code _update} would
 * bump the external version the positions guard: so each page of documents is read with its
 * {@code _source} and {@code _version}, and a document lacking a field is written whole again with
 * the field added, at the version it had ({@code external_gte}). A change that reached the key
 * meanwhile holds a higher version and the rewrite is refused (409): the change's value stays.
 * Delete markers are not read, so they are never written back as documents.
 */
final class KeyedBackfill {

    private static final Logger LOG = Logger.getLogger(KeyedBackfill.class);

    private final Sweeps sweeps;
    private final BulkSender bulk;
    private final ElasticsearchHttp http;

    KeyedBackfill(Sweeps sweeps, BulkSender bulk, ElasticsearchHttp http) {
        this.sweeps = sweeps;
        this.bulk = bulk;
        this.http = http;
    }

    /** Passes over the index's live documents once. */
    BackfillCount fill(IndexLayout layout, SearchIndex index, List<DefaultFields> defaults) {
        BackfillCount count = new BackfillCount();
        Map<String, Object> live = Map.of("bool", Map.of("must_not", List.of(Sweeps.term(Bookkeeping.FIELD + ".deleted", true))));
        sweeps.forEachSourcedPage(layout.concrete(index), live, hits -> count.add(fillPage(layout, index, defaults, hits)));
        return count;
    }

    /** Rewrites the documents of one page of hits that lack a default; the hits may be older than the documents. */
    @SuppressWarnings("unchecked")
    BackfillCount fillPage(IndexLayout layout, SearchIndex index, List<DefaultFields> defaults, List<JsonNode> hits) {
        List<BulkAction> rewrites = new ArrayList<>();
        for (JsonNode hit : hits) {
            Map<String, Object> source = new LinkedHashMap<>(http.json().convertValue(hit.path("_source"), Map.class));
            boolean lacking = false;
            long position = hit.path("_source").path(Bookkeeping.FIELD).path("position").asLong(Long.MAX_VALUE);
            for (DefaultFields declared : defaults) {
                if (declared.lackedBy(source, position)) {
                    source.putAll(declared.fields());
                    lacking = true;
                }
            }
            if (lacking) {
                rewrites.add(BulkAction.sameExternalVersion(layout.target(index), hit.path("_id").asText(),
                        hit.path("_version").asLong(), source));
            }
        }
        BackfillCount count = new BackfillCount();
        List<ItemResult> results = bulk.send(rewrites);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof ItemResult.Refused refused) {
                // Only the error type: Elasticsearch's reason can quote a value, which stays out of logs.
                LOG.warnf("%s document %s refused a declared default: %s", index.baseName(),
                        rewrites.get(i).meta().get("index") instanceof Map<?, ?> meta ? meta.get("_id") : "?",
                        refused.reason().split(":", 2)[0]);
            }
            count.add(results.get(i));
        }
        return count;
    }
}
