package com.shop.cdc.workload;

import static com.shop.cdc.workload.EdgeValues.mostly;
import static com.shop.cdc.workload.EdgeValues.pick;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;

/**
 * Drives the MariaDB orders and order_items tables. An order and its lines are written in one
 * transaction, so the binlog carries multi-row transactions spanning both tables.
 */
final class OrdersWorkload {

    private final WorkloadConfig config;
    private final Random random;
    private final LiveKeys live = new LiveKeys();
    private final OperationCounts counts = new OperationCounts("orders");
    private long nextId;

    OrdersWorkload(WorkloadConfig config) {
        this.config = config;
        this.random = new Random(config.seed() + 1);
    }

    OperationCounts run() throws SQLException {
        try (SourceDatabase db = new SourceDatabase(config.ordersJdbcUrl())) {
            db.execute("SET time_zone = '+00:00'");
            nextId = db.maxId("orders", "id") + 1;
            Pacer pacer = new Pacer(config.rate());
            for (int step = 0; step < config.count(); step++) {
                pacer.await();
                if (config.truncate() && step == config.count() / 3) {
                    db.execute("TRUNCATE TABLE order_items");
                    counts.add("truncate-items");
                } else {
                    step(db);
                }
            }
        }
        return counts;
    }

    private void step(SourceDatabase db) throws SQLException {
        int dice = random.nextInt(100);
        if (live.isEmpty() || dice < 40) {
            db.inTransaction(() -> placeOrder(db));
        } else if (dice < 70) {
            updateStatus(db, live.pick(random));
        } else if (dice < 82) {
            updateLine(db, live.pick(random));
        } else if (dice < 95) {
            long id = live.pick(random);
            db.inTransaction(() -> deleteOrder(db, id));
        } else {
            long id = live.pick(random);
            db.inTransaction(() -> changeKey(db, id));
        }
    }

    private void placeOrder(SourceDatabase db) throws SQLException {
        long id = nextId++;
        try (PreparedStatement order = db.prepare("""
                INSERT INTO orders (id, user_id, status, total, currency, created_at, shipping_address, note)
                VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?)""")) {
            order.setLong(1, id);
            order.setLong(2, 1 + random.nextInt(500));
            order.setBigDecimal(3, mostly(random, BigDecimal.valueOf(random.nextInt(10_000_000), 2),
                    EdgeValues.ORDER_TOTALS, 6));
            order.setString(4, pick(random, EdgeValues.CURRENCIES));
            order.setString(5, mostly(random, "2024-03-01 12:00:00.250", EdgeValues.ORDER_CREATED_AT, 6));
            order.setString(6, random.nextInt(5) == 0 ? null
                    : "{\"name\":\"" + pick(random, EdgeValues.NAMES).trim() + "\",\"city\":\"서울특별시\",\"zip\":\"04524\","
                            + "\"geo\":{\"lat\":48.8559,\"lon\":2.3601}}");
            order.setString(7, random.nextInt(30) == 0 ? EdgeValues.LARGE_TEXT : random.nextInt(3) == 0 ? null : "");
            order.executeUpdate();
        }
        int lines = 1 + random.nextInt(3);
        try (PreparedStatement item = db.prepare("""
                INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)""")) {
            for (int line = 1; line <= lines; line++) {
                item.setLong(1, id);
                item.setInt(2, line);
                item.setString(3, ProductsGenerator.objectId(random.nextInt(ProductsGenerator.CATALOG_SIZE)));
                item.setInt(4, 1 + random.nextInt(random.nextInt(50) == 0 ? 1000 : 5));
                item.setBigDecimal(5, BigDecimal.valueOf(1 + random.nextInt(9_999_999), 2));
                item.addBatch();
            }
            item.executeBatch(); // one multi-row statement: the rows share a binlog position, differ in row index
        }
        live.add(id);
        counts.add("place-order");
    }

    private void updateStatus(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement update = db.prepare("UPDATE orders SET status = ? WHERE id = ?")) {
            update.setString(1, pick(random, EdgeValues.STATUSES));
            update.setLong(2, id);
            update.executeUpdate();
        }
        counts.add("update-status");
    }

    private void updateLine(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement update = db.prepare(
                "UPDATE order_items SET quantity = quantity + 1 WHERE order_id = ? AND line_no = 1")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
        counts.add("update-line");
    }

    private void deleteOrder(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement items = db.prepare("DELETE FROM order_items WHERE order_id = ?");
             PreparedStatement order = db.prepare("DELETE FROM orders WHERE id = ?")) {
            items.setLong(1, id);
            items.executeUpdate();
            order.setLong(1, id);
            order.executeUpdate();
        }
        live.remove(id);
        counts.add("delete-order");
    }

    /** A primary-key change, which Debezium emits as delete + tombstone + create, for the order and its lines. */
    private void changeKey(SourceDatabase db, long id) throws SQLException {
        long newId = nextId++;
        try (PreparedStatement order = db.prepare("UPDATE orders SET id = ? WHERE id = ?");
             PreparedStatement items = db.prepare("UPDATE order_items SET order_id = ? WHERE order_id = ?")) {
            order.setLong(1, newId);
            order.setLong(2, id);
            order.executeUpdate();
            items.setLong(1, newId);
            items.setLong(2, id);
            items.executeUpdate();
        }
        live.remove(id);
        live.add(newId);
        counts.add("key-change");
    }

}
