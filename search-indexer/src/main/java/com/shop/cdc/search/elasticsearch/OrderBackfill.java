package com.shop.cdc.search.elasticsearch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Gives the order documents the declared defaults their order row or their lines lack. Order
 * documents are already written by read-modify-write with {@code if_seq_no}/{@code if_primary_term}
 * ({@link OrderWrites}), so the backfill is one more edit: a document a change wrote meanwhile is
 * read again and the edit applied to what the change left, which adds a field only where it is
 * absent. Order rows are filled only where the document holds one (not in documents marked
 * deleted); lines are filled wherever they wait, since they are live rows of their own table.
 */
final class OrderBackfill {

    private static final Logger LOG = Logger.getLogger(OrderBackfill.class);

    private final Sweeps sweeps;
    private final OrderWrites writes;

    OrderBackfill(Sweeps sweeps, OrderWrites writes) {
        this.sweeps = sweeps;
        this.writes = writes;
    }

    /** Fills the order rows' fields ({@code lines} false) or the lines' fields ({@code lines} true). */
    BackfillCount fill(IndexLayout layout, boolean lines, List<DefaultFields> defaults) {
        Map<String, Object> holding = lines
                ? Map.of("nested", Map.of("path", OrderDocument.LINES,
                        "query", Map.of("exists", Map.of("field", OrderDocument.LINES + "." + OrderDocument.LINE_NO))))
                : Sweeps.term(Bookkeeping.FIELD + ".deleted", false);
        OrderWrites.Edit edit = lines ? document -> document.fillLines(defaults) : document -> document.fillOrder(defaults);
        BackfillCount count = new BackfillCount();
        sweeps.forEachPage(layout.concrete(SearchIndex.ORDERS), holding, hits -> {
            Map<Object, List<OrderWrites.Edit>> edits = new LinkedHashMap<>();
            hits.forEach(hit -> edits.put(OrderIndexing.orderId(hit.path("_id").asText()), List.of(edit)));
            writes.modify(layout, edits).forEach((id, result) -> {
                if (result.refused() != null) {
                    // Only the error type: Elasticsearch's reason can quote a value, which stays out of logs.
                    LOG.warnf("order %s refused a declared default: %s", id, result.refused().split(":", 2)[0]);
                    count.refused();
                } else if (result.applied().get(0)) {
                    count.add(ItemResult.DONE);
                }
            });
        });
        return count;
    }
}
