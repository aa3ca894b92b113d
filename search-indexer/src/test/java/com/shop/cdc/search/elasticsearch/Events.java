package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Change events as the decoders produce them, for the three domains. */
final class Events {

    static final SourceTable USERS = new SourceTable("shop", "public", "users");
    static final SourceTable PRODUCTS = new SourceTable("catalog", null, "products");
    static final SourceTable ORDERS = new SourceTable("shop_orders", null, "orders");
    static final SourceTable ITEMS = new SourceTable("shop_orders", null, "order_items");

    private Events() {
    }

    static ChangeEvent user(long id, long lsn, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", email);
        row.put("full_name", "User " + id);
        row.put("phone", "+15550100" + id);
        row.put("balance", new BigDecimal("12.30"));
        row.put("created_at", Instant.parse("2024-01-01T00:00:00Z"));
        return change(USERS, Map.of("id", id), Operation.UPDATE, null, row, SourcePosition.postgres(lsn, false));
    }

    /** A user update whose after image holds the given values, with an optional before image. */
    static ChangeEvent user(long id, long lsn, Map<String, Object> values, Map<String, Object> before) {
        ChangeEvent base = user(id, lsn, "u" + id + "@example.com");
        Map<String, Object> after = new LinkedHashMap<>(base.after());
        after.putAll(values);
        return change(USERS, Map.of("id", id), Operation.UPDATE, before, after, base.position());
    }

    static ChangeEvent userDeleted(long id, long lsn) {
        return change(USERS, Map.of("id", id), Operation.DELETE, Map.of("id", id, "email", "gone@example.com"), null,
                SourcePosition.postgres(lsn, false));
    }

    static ChangeEvent usersTruncated(long lsn) {
        return change(USERS, Map.of(), Operation.TRUNCATE, null, null, SourcePosition.postgres(lsn, false));
    }

    static String productId(int n) {
        return String.format("65a1b2c3d4e5f6a7%08x", n);
    }

    static ChangeEvent product(int n, long second, Map<String, Object> overrides) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_id", productId(n));
        row.put("sku", "SKU-" + n);
        row.put("name", "Product " + n + " at " + second);
        row.put("description", "A fine product number " + n);
        row.put("category", "shoes");
        row.put("price", new BigDecimal("19.99"));
        row.put("stock", 5L);
        row.put("created_at", Instant.parse("2023-11-14T22:13:20Z"));
        row.putAll(overrides);
        return change(PRODUCTS, Map.of("_id", productId(n)), Operation.UPDATE, null, row,
                SourcePosition.mongo(second, 1, false));
    }

    static ChangeEvent productDeleted(int n, long second) {
        return change(PRODUCTS, Map.of("_id", productId(n)), Operation.DELETE, Map.of("_id", productId(n)), null,
                SourcePosition.mongo(second, 1, false));
    }

    static ChangeEvent order(long id, long pos, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("user_id", 7L);
        row.put("status", status);
        row.put("total", new BigDecimal("42.50"));
        row.put("currency", "EUR");
        row.put("created_at", Instant.parse("2024-03-01T10:00:00Z"));
        return change(ORDERS, Map.of("id", id), Operation.UPDATE, null, row, binlog(pos));
    }

    static ChangeEvent orderDeleted(long id, long pos) {
        return change(ORDERS, Map.of("id", id), Operation.DELETE, Map.of("id", id), null, binlog(pos));
    }

    static ChangeEvent item(long orderId, long lineNo, long pos, long quantity) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order_id", orderId);
        row.put("line_no", lineNo);
        row.put("product_id", productId((int) lineNo));
        row.put("quantity", quantity);
        row.put("unit_price", new BigDecimal("9.95"));
        return change(ITEMS, Map.of("order_id", orderId, "line_no", lineNo), Operation.UPDATE, null, row, binlog(pos));
    }

    /** An order line whose quantity is the given value, whatever its type. */
    static ChangeEvent item(long orderId, long lineNo, long pos, Object quantity) {
        ChangeEvent base = item(orderId, lineNo, pos, 1L);
        Map<String, Object> row = new LinkedHashMap<>(base.after());
        row.put("quantity", quantity);
        return change(ITEMS, base.key(), Operation.UPDATE, null, row, base.position());
    }

    static ChangeEvent itemDeleted(long orderId, long lineNo, long pos) {
        return change(ITEMS, Map.of("order_id", orderId, "line_no", lineNo), Operation.DELETE,
                Map.of("order_id", orderId, "line_no", lineNo), null, binlog(pos));
    }

    static ChangeEvent truncated(SourceTable table, long pos) {
        return change(table, Map.of(), Operation.TRUNCATE, null, null, binlog(pos));
    }

    /** The same change, its schema declaring these defaults (as every change after an {@code ADD COLUMN … DEFAULT}). */
    static ChangeEvent declaring(ChangeEvent change, Map<String, Object> defaults) {
        return new ChangeEvent(change.table(), change.key(), change.operation(), change.before(), change.after(),
                change.position(), change.sourceTimestamp(), change.transaction(), change.snapshot(), change.origin(),
                change.headers(), defaults);
    }

    /** A row's change with one more value, which may be null. */
    static ChangeEvent with(ChangeEvent change, String field, Object value) {
        Map<String, Object> after = new LinkedHashMap<>(change.after());
        after.put(field, value);
        return change.withImages(change.before(), after);
    }

    static SourcePosition binlog(long pos) {
        return SourcePosition.binlog(1, pos, 0, false);
    }

    private static ChangeEvent change(SourceTable table, Map<String, Object> key, Operation operation,
                                      Map<String, Object> before, Map<String, Object> after, SourcePosition position) {
        return new ChangeEvent(table, key, operation, before, after, position, Instant.ofEpochSecond(1_700_000_000L),
                null, false, new KafkaCoordinates("t", 0, position.value() % 100_000, 0), Map.of());
    }
}
