package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.target.JsonDocument;
import java.util.Map;

/** The order row and its line items as parts of the order's document; amounts are exact. */
final class OrderDocuments {

    private final int moneyScale;

    OrderDocuments(int moneyScale) {
        this.moneyScale = moneyScale;
    }

    static Object orderId(Map<String, Object> key) {
        return key.get("id");
    }

    static Object itemOrderId(Map<String, Object> key) {
        return key.get("order_id");
    }

    static long lineNo(Map<String, Object> key) {
        Object lineNo = key.get("line_no");
        if (!(lineNo instanceof Number number)) {
            throw new IllegalArgumentException("order item key has no numeric line_no: " + key.keySet());
        }
        return number.longValue();
    }

    /** @throws IllegalArgumentException when an amount cannot be stored exactly */
    Map<String, Object> order(Map<String, Object> row) {
        Map<String, Object> document = JsonDocument.of(row);
        document.remove(OrderDocument.LINES);
        document.remove(Bookkeeping.FIELD);
        Money.put(document, "total", row.get("total"), moneyScale);
        return document;
    }

    /** @throws IllegalArgumentException when an amount cannot be stored exactly */
    Map<String, Object> line(Map<String, Object> row) {
        Map<String, Object> document = JsonDocument.of(row);
        document.remove("order_id");
        Money.put(document, "unit_price", row.get("unit_price"), moneyScale);
        return document;
    }
}
