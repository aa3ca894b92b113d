package com.shop.cdc.workload;

import static com.shop.cdc.workload.EdgeValues.mostly;
import static com.shop.cdc.workload.EdgeValues.pick;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Drives the MariaDB orders and order_items tables. An order and its lines are written in one
 * transaction, so the binlog carries multi-row transactions spanning both tables. Deleted orders
 * and truncated lines are created again under their old keys; orders move between users through
 * a change the sinks' rules reject (a dead letter by design, see {@link #rejected()}), followed by
 * a valid one.
 */
final class OrdersWorkload {

    /** Users that moved orders go to most often, so their recent-orders sets reach the cap. */
    private static final int BUSY_USERS = 3;

    private final WorkloadConfig config;
    private final Random random;
    private final LiveKeys live = new LiveKeys();
    /** Deleted orders and orders whose key changed, some of which are placed again. */
    private final LiveKeys gone = new LiveKeys();
    private final OperationCounts counts = new OperationCounts("orders");
    private boolean channelAdded;
    private int rejected;
    private long nextId;

    OrdersWorkload(WorkloadConfig config) {
        this.config = config;
        this.random = new Random(config.seed() + 1);
    }

    OperationCounts run() throws SQLException {
        try (SourceDatabase db = new SourceDatabase(config.ordersJdbcUrl())) {
            db.execute("SET time_zone = '+00:00'");
            nextId = db.maxId("orders", "id") + 1;
            channelAdded = db.hasColumn("orders", AddedColumn.ORDERS_CHANNEL.column());
            Pacer pacer = new Pacer(config.rate());
            for (int step = 0; step < config.count(); step++) {
                pacer.await();
                if (config.truncate() && step == config.count() / 3) {
                    db.execute("TRUNCATE TABLE order_items");
                    counts.add("truncate-items");
                } else if (config.schemaChange() && step == config.count() * 3 / 5) {
                    AddedColumn.ORDERS_CHANNEL.addTo(db);
                    channelAdded = true;
                    counts.add("add-column");
                } else {
                    step(db);
                }
            }
        }
        return counts;
    }

    /** Changes of the orders topic this run made for the rules to reject: one dead letter each per consuming service. */
    int rejected() {
        return rejected;
    }

    private void step(SourceDatabase db) throws SQLException {
        int dice = random.nextInt(100);
        if (live.isEmpty() || dice < 38) {
            db.inTransaction(() -> placeOrder(db));
        } else if (dice < 62) {
            updateStatus(db, live.pick(random));
        } else if (dice < 72) {
            updateLine(db, live.pick(random));
        } else if (dice < 76) {
            long id = live.pick(random);
            db.inTransaction(() -> replaceLines(db, id));
        } else if (dice < 84) {
            moveThroughRejection(db, live.pick(random));
        } else if (dice < 95) {
            long id = live.pick(random);
            db.inTransaction(() -> deleteOrder(db, id));
        } else {
            long id = live.pick(random);
            db.inTransaction(() -> changeKey(db, id));
        }
    }

    private void placeOrder(SourceDatabase db) throws SQLException {
        boolean again = !gone.isEmpty() && random.nextInt(8) == 0;
        long id = again ? gone.take(random) : nextId++;
        try (PreparedStatement order = db.prepare("""
                INSERT INTO orders (id, user_id, status, total, currency, created_at, shipping_address, note)
                VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ?)""")) {
            order.setLong(1, id);
            order.setLong(2, 1 + random.nextInt(500));
            order.setBigDecimal(3, mostly(random, BigDecimal.valueOf(random.nextInt(10_000_000), 2),
                    EdgeValues.ORDER_TOTALS, 6));
            order.setString(4, pick(random, EdgeValues.CURRENCIES));
            order.setString(5, mostly(random, "2024-03-01 12:00:00.250", EdgeValues.ORDER_CREATED_AT, 6));
            int address = random.nextInt(10);
            order.setString(6, address < 2 ? null : address < 5 ? pick(random, EdgeValues.ADDRESSES)
                    : "{\"name\":\"" + pick(random, EdgeValues.NAMES).trim() + "\",\"city\":\"서울특별시\",\"zip\":\"04524\","
                            + "\"geo\":{\"lat\":48.8559,\"lon\":2.3601}}");
            order.setString(7, random.nextInt(30) == 0 ? EdgeValues.LARGE_TEXT : random.nextInt(3) == 0 ? null : "");
            order.executeUpdate();
        }
        insertLines(db, id);
        live.add(id);
        counts.add(again ? "place-order-again" : "place-order");
    }

    private void insertLines(SourceDatabase db, long id) throws SQLException {
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
    }

    /** The order's lines deleted and written again under the same keys (after the truncate: keys it removed). */
    private void replaceLines(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement items = db.prepare("DELETE FROM order_items WHERE order_id = ?")) {
            items.setLong(1, id);
            items.executeUpdate();
        }
        insertLines(db, id);
        counts.add("replace-lines");
    }

    /**
     * The order moves to another user through a change the rules reject (a negative total or an
     * unknown currency, together with the new user), then a valid change: the source ends valid,
     * and the order must end listed under the user the valid change names, and under no other.
     */
    private void moveThroughRejection(SourceDatabase db, long id) throws SQLException {
        boolean total = random.nextBoolean();
        try (PreparedStatement invalid = db.prepare(total
                ? "UPDATE orders SET user_id = ?, total = -1.00 WHERE id = ?"
                : "UPDATE orders SET user_id = ?, currency = 'ZZZ' WHERE id = ?")) {
            invalid.setLong(1, moveTarget());
            invalid.setLong(2, id);
            invalid.executeUpdate();
        }
        rejected++;
        boolean onAgain = random.nextBoolean(); // the valid change moves the order on to a third user
        try (PreparedStatement valid = db.prepare(
                "UPDATE orders SET total = ?, currency = ?, user_id = " + (onAgain ? "?" : "user_id") + " WHERE id = ?")) {
            valid.setBigDecimal(1, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
            valid.setString(2, pick(random, EdgeValues.CURRENCIES));
            if (onAgain) {
                valid.setLong(3, moveTarget());
            }
            valid.setLong(onAgain ? 4 : 3, id);
            valid.executeUpdate();
        }
        counts.add("move-through-rejection");
    }

    private long moveTarget() {
        return 1 + random.nextInt(random.nextBoolean() ? BUSY_USERS : 500);
    }

    private void updateStatus(SourceDatabase db, long id) throws SQLException {
        boolean channel = channelAdded && random.nextInt(5) == 0;
        try (PreparedStatement update = db.prepare(
                "UPDATE orders SET status = ?" + (channel ? ", channel = ?" : "") + " WHERE id = ?")) {
            update.setString(1, pick(random, EdgeValues.STATUSES));
            if (channel) {
                update.setString(2, pick(random, List.of("app", "store")));
            }
            update.setLong(channel ? 3 : 2, id);
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
        gone.add(id);
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
        gone.add(id);
        counts.add("key-change");
    }

}
