package com.shop.cdc.common.sink.warehouse;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the warehouse holds, for reconciliation: a row is named {@code TABLE:k1/k2} by its key
 * columns as text, and a soft-deleted row is a delete marker. It reads on the connection it is
 * given and never keeps one: the writer lends it its own, under its lock.
 */
final class WarehouseInventory {

    private static final int SCAN_FETCH_SIZE = 5000;

    /** Names and keys never change when a table widens: readable without the writer's lock. */
    private final Map<String, TableSpec> declared = new HashMap<>();
    private final TableRoutes<String> routes;

    WarehouseInventory(List<WarehouseTable> tables, TableRoutes<String> routes) {
        tables.forEach(table -> declared.put(table.source(), table.spec()));
        this.routes = routes;
    }

    Optional<String> keyOf(ChangeEvent change) {
        TableSpec table = routes.find(change.table()).map(declared::get).orElse(null);
        if (table == null) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (String column : table.keyColumns()) {
            Object value = change.key().containsKey(column) ? change.key().get(column) : change.row().get(column);
            if (value == null) {
                return Optional.empty();
            }
            values.add(String.valueOf(value));
        }
        return Optional.of(table.name() + ":" + String.join("/", values));
    }

    /** Rows are typed, pseudonymised and merged here: their contents are not compared, their positions are. */
    String digestOf(ChangeEvent change) {
        return null;
    }

    /** Each table in one streamed query, committed after it; the tables must exist. */
    void scan(Connection db, Consumer<TargetKey> keys) throws SQLException {
        for (TableSpec table : declared.values()) {
            StringBuilder select = new StringBuilder("SELECT ");
            table.keyColumns().forEach(column -> select.append("CAST(").append(column).append(" AS VARCHAR), "));
            select.append("_source_pos, _deleted FROM ").append(table.name());
            int keyCount = table.keyColumns().size();
            try (Statement statement = db.createStatement()) {
                statement.setFetchSize(SCAN_FETCH_SIZE);
                try (ResultSet rs = statement.executeQuery(select.toString())) {
                    while (rs.next()) {
                        List<String> values = new ArrayList<>(keyCount);
                        for (int i = 1; i <= keyCount; i++) {
                            values.add(rs.getString(i));
                        }
                        keys.accept(new TargetKey(table.name() + ":" + String.join("/", values),
                                rs.getLong(keyCount + 1), rs.getBoolean(keyCount + 2), null));
                    }
                }
            }
            db.commit();
        }
    }
}
