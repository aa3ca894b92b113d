package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.target.TargetUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-modify-write of order documents with optimistic concurrency: the documents are read with
 * their sequence number and primary term, edited, and written only if nobody wrote them in
 * between ({@code if_seq_no}/{@code if_primary_term}, or {@code create} for a new one); a document
 * that changed under us is read and edited again.
 */
final class OrderWrites {

    /** An edit of one order document; true if it changed it. Edits are applied again after a conflict. */
    interface Edit {
        boolean apply(OrderDocument document);
    }

    /**
     * @param applied per edit, whether it changed the document
     * @param refused Elasticsearch's reason when the edited document was refused, else null
     */
    record Result(List<Boolean> applied, String refused) {
    }

    private static final int MAX_ROUNDS = 10;

    private final ElasticsearchHttp http;
    private final BulkSender bulk;
    private final int pageSize;

    OrderWrites(ElasticsearchHttp http, BulkSender bulk, int pageSize) {
        this.http = http;
        this.bulk = bulk;
        this.pageSize = pageSize;
    }

    /** Applies the edits of each order (by order id) and writes the documents that changed. */
    Map<Object, Result> modify(IndexLayout layout, Map<Object, List<Edit>> edits) {
        Map<Object, Result> results = new HashMap<>();
        Map<Object, List<Edit>> pending = new LinkedHashMap<>(edits);
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            Map<String, StoredDocument> stored = read(layout.concrete(SearchIndex.ORDERS), pending.keySet());
            List<BulkAction> actions = new ArrayList<>();
            List<Object> written = new ArrayList<>();
            Map<Object, List<Boolean>> applied = new HashMap<>();
            for (Map.Entry<Object, List<Edit>> order : pending.entrySet()) {
                String id = String.valueOf(order.getKey());
                StoredDocument current = stored.get(id);
                OrderDocument document = current == null ? OrderDocument.empty(order.getKey())
                        : OrderDocument.from(order.getKey(), current.source());
                List<Boolean> changes = new ArrayList<>();
                order.getValue().forEach(edit -> changes.add(edit.apply(document)));
                applied.put(order.getKey(), changes);
                if (document.changed()) {
                    actions.add(BulkAction.compareAndSet(layout.target(SearchIndex.ORDERS), id, current, document.toSource()));
                    written.add(order.getKey());
                } else {
                    results.put(order.getKey(), new Result(changes, null));
                }
            }
            List<ItemResult> items = bulk.send(actions);
            Map<Object, List<Edit>> conflicting = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Object order = written.get(i);
                ItemResult item = items.get(i);
                if (item instanceof ItemResult.Conflict) {
                    conflicting.put(order, pending.get(order));
                } else {
                    String refused = item instanceof ItemResult.Refused r ? r.reason() : null;
                    results.put(order, new Result(applied.get(order), refused));
                }
            }
            pending = conflicting;
        }
        if (!pending.isEmpty()) {
            throw new TargetUnavailableException(ElasticsearchHttp.TARGET, new IOException(pending.size()
                    + " order documents kept changing while being written, e.g. " + pending.keySet().iterator().next()));
        }
        return results;
    }

    /** The stored documents by id, read in real time (not waiting for a refresh). */
    private Map<String, StoredDocument> read(String index, Iterable<Object> ids) {
        Map<String, StoredDocument> stored = new HashMap<>();
        List<String> page = new ArrayList<>();
        for (Object id : ids) {
            page.add(String.valueOf(id));
            if (page.size() == pageSize) {
                readPage(index, page, stored);
                page.clear();
            }
        }
        if (!page.isEmpty()) {
            readPage(index, page, stored);
        }
        return stored;
    }

    @SuppressWarnings("unchecked")
    private void readPage(String index, List<String> ids, Map<String, StoredDocument> stored) {
        JsonNode docs = http.call("POST", "/" + index + "/_mget", Map.of("ids", ids)).path("docs");
        for (JsonNode doc : docs) {
            if (doc.path("found").asBoolean()) {
                stored.put(doc.path("_id").asText(), new StoredDocument(http.json().convertValue(doc.path("_source"),
                        Map.class), doc.path("_seq_no").asLong(), doc.path("_primary_term").asLong()));
            }
        }
    }
}
