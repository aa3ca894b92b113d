package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.JsonDocument;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private static final JsonFactory JSON = new JsonFactory();

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

    /**
     * The row under {@code TABLE:k1/k2}, bookkeeping columns left out of it (a soft-deleted row is a
     * delete marker); a key of no declared table, or with another number of values, is not looked up.
     */
    Optional<TargetRow> read(Connection db, String key) throws SQLException {
        int colon = key.indexOf(':');
        TableSpec table = colon < 0 ? null : declared.values().stream()
                .filter(spec -> spec.name().equals(key.substring(0, colon))).findFirst().orElse(null);
        String[] values = colon < 0 ? new String[0] : key.substring(colon + 1).split("/", -1);
        if (table == null || values.length != table.keyColumns().size()) {
            return Optional.empty();
        }
        StringBuilder select = new StringBuilder("SELECT * FROM ").append(table.name()).append(" WHERE ");
        select.append(String.join(" AND ", table.keyColumns().stream()
                .map(column -> "CAST(" + column + " AS VARCHAR) = ?").toList()));
        try (PreparedStatement statement = db.prepareStatement(select.toString())) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                Optional<TargetRow> found = rs.next() ? Optional.of(row(key, rs)) : Optional.empty();
                db.commit();
                return found;
            }
        }
    }

    private static TargetRow row(String key, ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        ResultSetMetaData columns = rs.getMetaData();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            String name = columns.getColumnLabel(i);
            if (!MergeSql.BOOKKEEPING.contains(name.toLowerCase(Locale.ROOT))) {
                row.put(name, rs.getObject(i));
            }
        }
        boolean deleted = rs.getBoolean("_deleted");
        return new TargetRow(key, rs.getLong("_source_pos"), deleted, deleted ? null : JsonDocument.json(row, JSON));
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
