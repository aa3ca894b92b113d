package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.target.WriteOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders with their line items: the changes of both tables edit the order's document
 * ({@link OrderDocument}) by read-modify-write ({@link OrderWrites}).
 */
final class OrderIndexing {

    private final String ordersTable;
    private final String itemsTable;
    private final SourceNames names;
    private final OrderDocuments documents;
    private final OrderWrites writes;
    private final Sweeps sweeps;
    private final Rejections rejections;
    private final DeclaredDefaults defaults;

    OrderIndexing(Sources sources, SourceNames names, OrderDocuments documents, OrderWrites writes, Sweeps sweeps, Rejections rejections,
                  DeclaredDefaults defaults) {
        this.ordersTable = sources.orders();
        this.itemsTable = sources.orderItems();
        this.names = names;
        this.documents = documents;
        this.writes = writes;
        this.sweeps = sweeps;
        this.rejections = rejections;
        this.defaults = defaults;
    }

    boolean handles(String table) {
        return table.equals(ordersTable) || table.equals(itemsTable);
    }

    /** Writes the changes at {@code indexes}, setting their outcomes. */
    void write(IndexLayout layout, List<ChangeEvent> changes, List<Integer> indexes, WriteOutcome[] outcomes) {
        Map<Object, List<OrderWrites.Edit>> edits = new LinkedHashMap<>();
        Map<Object, List<Integer>> editors = new HashMap<>();
        for (int i : indexes) {
            ChangeEvent change = changes.get(i);
            boolean order = names.of(change.table()).equals(ordersTable);
            try {
                Object id = order ? OrderDocuments.orderId(change.key()) : OrderDocuments.itemOrderId(change.key());
                OrderWrites.Edit edit = order ? orderEdit(change) : lineEdit(change);
                edits.computeIfAbsent(id, k -> new ArrayList<>()).add(edit);
                editors.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            } catch (IllegalArgumentException e) {
                outcomes[i] = rejections.reject(SearchIndex.ORDERS, e.getMessage());
            }
        }
        if (edits.isEmpty()) {
            return;
        }
        writes.modify(layout, edits).forEach((id, result) -> {
            List<Integer> events = editors.get(id);
            List<Integer> changing = new ArrayList<>();
            for (int k = 0; k < events.size(); k++) {
                outcomes[events.get(k)] = result.applied().get(k) ? WriteOutcome.WRITTEN : WriteOutcome.STALE;
                if (result.applied().get(k)) {
                    changing.add(events.get(k));
                }
            }
            if (result.refused() == null) {
                return;
            }
            if (changing.size() == 1) {
                outcomes[changing.get(0)] = rejections.reject(SearchIndex.ORDERS, result.refused());
            } else {
                // Which change made the document unacceptable? Apply them one by one: only that one is rejected.
                changing.forEach(i -> write(layout, changes, List.of(i), outcomes));
            }
        });
    }

    /**
     * A truncate of the orders table hides older orders (their lines stay: they are rows of the
     * other table); one of the items table removes older lines.
     */
    void sweep(IndexLayout layout, String table, long position) {
        boolean orders = table.equals(ordersTable);
        Map<String, Object> older = orders
                ? Map.of("bool", Map.of("filter", List.of(Sweeps.olderThan(Bookkeeping.FIELD + ".position", position),
                        Sweeps.term(Bookkeeping.FIELD + ".deleted", false))))
                : Map.of("nested", Map.of("path", OrderDocument.LINES,
                        "query", Sweeps.olderThan(OrderDocument.LINES + "." + OrderDocument.LINE_POSITION, position)));
        OrderWrites.Edit edit = orders ? document -> document.truncateOrder(position)
                : document -> document.truncateLines(position);
        sweeps.forEachPage(layout.concrete(SearchIndex.ORDERS), older, hits -> {
            Map<Object, List<OrderWrites.Edit>> edits = new LinkedHashMap<>();
            hits.forEach(hit -> edits.put(orderId(hit.path("_id").asText()), List.of(edit)));
            writes.modify(layout, edits).forEach((id, result) -> {
                if (result.refused() != null) {
                    // Only the error type: Elasticsearch's reason can quote a value, which stays out of logs.
                    throw new IllegalStateException("order " + id + " refused while truncating " + table + ": "
                            + result.refused().split(":", 2)[0]);
                }
            });
        });
    }

    private OrderWrites.Edit orderEdit(ChangeEvent change) {
        long position = change.position().value();
        Map<String, Object> fields = change.operation() == Operation.DELETE ? null : documents.order(completed(change));
        return document -> document.order(position, fields, change.operation().code(), change.sourceTimestamp());
    }

    private OrderWrites.Edit lineEdit(ChangeEvent change) {
        long position = change.position().value();
        long lineNo = OrderDocuments.lineNo(change.key());
        Map<String, Object> fields = change.operation() == Operation.DELETE ? null : documents.line(completed(change));
        return document -> document.line(lineNo, position, fields);
    }

    /** The change's row, with the declared defaults it lacks if it predates them ({@link DeclaredDefaults}). */
    private Map<String, Object> completed(ChangeEvent change) {
        return defaults.completed(names.of(change.table()), change.position().value(), change.after());
    }

    /** Order ids are numbers at the source; the document id is their text. */
    static Object orderId(String documentId) {
        try {
            return Long.parseLong(documentId);
        } catch (NumberFormatException e) {
            return documentId;
        }
    }
}
