package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the indexes hold, for reconciliation, as {@code <index>:<document id>} (e.g. {@code users:42}):
 * products and users per key, orders per order row (its position; lines are not compared). Read
 * from the concrete indexes, which the alias filter does not apply to, so delete markers are listed
 * too; a refresh first makes every acknowledged write visible; one scroll page at a time.
 */
final class DocumentInventory {

    private static final String KEEP_ALIVE = "2m";

    private final ElasticsearchHttp http;
    private final Map<String, KeyedIndexing.Route> keyed;
    private final String orders;
    private final int pageSize;
    private final SourceNames names;

    DocumentInventory(ElasticsearchHttp http, IndexerSettings settings) {
        this.http = http;
        this.keyed = KeyedIndexing.routes(settings);
        this.orders = settings.sources().orders();
        this.names = new SourceNames(settings.sources());
        this.pageSize = settings.bulk().maxActions();
    }

    Optional<String> keyOf(ChangeEvent change) {
        String table = names.of(change.table());
        KeyedIndexing.Route route = keyed.get(table);
        if (route != null) {
            return Optional.of(route.index().baseName() + ":" + route.documents().id(change.key()));
        }
        return table.equals(orders)
                ? Optional.of(SearchIndex.ORDERS.baseName() + ":" + OrderDocuments.orderId(change.key()))
                : Optional.empty();
    }

    /** Documents are reshaped (personal fields left out, amounts also in minor units): positions are compared, not contents. */
    String digestOf(ChangeEvent change) {
        return null;
    }

    /** The document under {@code <index>:<id>} in the concrete index, without its bookkeeping; a tombstone is a delete marker. */
    Optional<TargetRow> read(IndexLayout layout, String key) {
        int colon = key.indexOf(':');
        SearchIndex index = colon < 0 ? null : Arrays.stream(SearchIndex.values())
                .filter(candidate -> candidate.baseName().equals(key.substring(0, colon))).findFirst().orElse(null);
        if (index == null || colon == key.length() - 1) {
            return Optional.empty();
        }
        String id = URLEncoder.encode(key.substring(colon + 1), StandardCharsets.UTF_8).replace("+", "%20");
        return http.callOrNotFound("GET", "/" + layout.concrete(index) + "/_doc/" + id, null)
                .filter(answer -> answer.path("found").asBoolean())
                .map(answer -> {
                    JsonNode source = answer.path("_source");
                    JsonNode cdc = source.path(Bookkeeping.FIELD);
                    boolean deleted = cdc.path("deleted").asBoolean();
                    if (source instanceof ObjectNode document) {
                        document.remove(Bookkeeping.FIELD);
                    }
                    return new TargetRow(key, cdc.path("position").asLong(), deleted, deleted ? null : source.toString());
                });
    }

    void scan(IndexLayout layout, Consumer<TargetKey> keys) {
        for (SearchIndex index : SearchIndex.values()) {
            String concrete = layout.concrete(index);
            http.call("POST", "/" + concrete + "/_refresh", null);
            Map<String, Object> body = Map.of("size", pageSize, "sort", List.of("_doc"),
                    "_source", List.of(Bookkeeping.FIELD + ".position", Bookkeeping.FIELD + ".deleted"));
            JsonNode response = http.call("POST", "/" + concrete + "/_search?scroll=" + KEEP_ALIVE, body);
            String scrollId = response.path("_scroll_id").asText();
            try {
                while (response.path("hits").path("hits").size() > 0) {
                    for (JsonNode hit : response.path("hits").path("hits")) {
                        JsonNode cdc = hit.path("_source").path(Bookkeeping.FIELD);
                        keys.accept(new TargetKey(index.baseName() + ":" + hit.path("_id").asText(),
                                cdc.path("position").asLong(), cdc.path("deleted").asBoolean(), null));
                    }
                    response = http.call("POST", "/_search/scroll", Map.of("scroll", KEEP_ALIVE, "scroll_id", scrollId));
                    scrollId = response.path("_scroll_id").asText(scrollId);
                }
            } finally {
                http.callOrNotFound("DELETE", "/_search/scroll", Map.of("scroll_id", scrollId));
            }
        }
    }
}
