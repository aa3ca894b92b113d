package com.shop.cdc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads what the targets hold: Redis (the stack's) and the test's DuckDB warehouse file. */
public final class TargetStores {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Redis redis;
    private final String warehouse;

    public TargetStores(Redis redis, String warehouse) {
        this.redis = redis;
        this.warehouse = warehouse;
    }

    /** The JSON Redis holds at {@code key}, or null. */
    public JsonNode json(String key) {
        Response value = redis.sendAndAwait(Request.cmd(Command.GET).arg(key));
        try {
            return value == null ? null : JSON.readTree(value.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String key) {
        return redis.sendAndAwait(Request.cmd(Command.EXISTS).arg(key)).toLong() == 1;
    }

    /** The score of {@code member} in the sorted set {@code key}, or null when it is not a member. */
    public Double score(String key, long member) {
        Response score = redis.sendAndAwait(Request.cmd(Command.ZSCORE).arg(key).arg(member));
        return score == null ? null : score.toDouble();
    }

    /** The one row {@code sql} selects in the warehouse, column names in lower case; null when none. */
    public Map<String, Object> row(String sql, Object... parameters) {
        try (Connection db = DriverManager.getConnection(warehouse); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                ResultSetMetaData columns = rows.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i).toLowerCase(Locale.ROOT), rows.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
