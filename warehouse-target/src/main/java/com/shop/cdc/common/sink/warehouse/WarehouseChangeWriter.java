package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Keeps warehouse tables equal to the source with one guarded MERGE per table per batch (see
 * {@link MergeSql}): the batch is staged (DuckDB's Appender, batched binds elsewhere), the newest
 * change per key is merged where it is newer than the row's {@code _source_pos}, deletes are soft,
 * a truncate raises the table's barrier. It owns the one JDBC connection and coordinates a write:
 * the tables' shape is {@link WarehouseSchema}'s, the rows are {@link WarehouseRows}', and a value
 * that does not fit its column rejects its own change, never the batch.
 *
 * <p>As a {@link TargetInventory} it hands reconciliation to {@link WarehouseInventory}, whose scan
 * runs on the writer's connection under its lock: writes wait until the scan is done.
 */
public final class WarehouseChangeWriter implements ChangeWriter, TargetInventory {

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(120);
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final String jdbcUrl;
    private final WarehouseDialect dialect;
    private final StageLoader loader;
    /** Each configured source name to itself: which one a change's table is kept under. */
    private final TableRoutes<String> routes;
    private final WarehouseSchema schema;
    private final WarehouseRows rows;
    private final WarehouseInventory inventory;
    private final Properties timeouts;
    private Connection connection;

    public WarehouseChangeWriter(String jdbcUrl, WarehouseDialect dialect, ObjectMapper json, List<WarehouseTable> tables,
                                 String hashSalt) {
        this(jdbcUrl, dialect, json, tables, hashSalt, DEFAULT_STATEMENT_TIMEOUT);
    }

    /** @param statementTimeout how long one call may go unanswered before the warehouse counts as unavailable */
    public WarehouseChangeWriter(String jdbcUrl, WarehouseDialect dialect, ObjectMapper json, List<WarehouseTable> tables,
                                 String hashSalt, Duration statementTimeout) {
        this.jdbcUrl = jdbcUrl;
        this.timeouts = dialect.timeouts(statementTimeout);
        this.dialect = dialect;
        this.loader = StageLoader.forDialect(dialect);
        dialect.loadDriver();
        Map<String, String> names = new HashMap<>();
        tables.forEach(table -> names.put(table.source(), table.source()));
        this.routes = new TableRoutes<>(names, "cdc.warehouse.tables.<TABLE>.source");
        this.schema = new WarehouseSchema(dialect, json, tables);
        this.rows = new WarehouseRows(dialect, json, schema, tables, hashSalt);
        this.inventory = new WarehouseInventory(tables, routes);
    }

    @Override
    public String target() {
        return "warehouse";
    }

    @Override
    public TableRoutes<String> routes() {
        return routes;
    }

    @Override
    public synchronized List<WriteOutcome> write(List<ChangeEvent> changes) {
        List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
        Map<String, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            outcomes.add(WriteOutcome.IGNORED);
            int index = i;
            routes.find(changes.get(i).table())
                    .ifPresent(source -> byTable.computeIfAbsent(source, s -> new ArrayList<>()).add(index));
        }
        try {
            Connection db = connection();
            for (Map.Entry<String, List<Integer>> table : byTable.entrySet()) {
                writeTable(db, table.getKey(), changes, table.getValue(), outcomes);
            }
            return outcomes;
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** Checks the connection the writes use, opening it if needed (an embedded DuckDB file is always there). */
    @Override
    public synchronized void probe() {
        try {
            if (!connection().isValid(PROBE_TIMEOUT_SECONDS)) {
                closeQuietly();
                throw new SQLException("connection to " + dialect + " is no longer valid");
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** Opens the connection (DuckDB: loads its engine) and creates or widens the declared tables and their stages. */
    @Override
    public synchronized void prepare() {
        try {
            schema.prepareTables(connection());
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    @Override
    public Optional<String> keyOf(ChangeEvent change) {
        return inventory.keyOf(change);
    }

    @Override
    public String digestOf(ChangeEvent change) {
        return inventory.digestOf(change);
    }

    /** Each table in one streamed query on the writer's connection: writes wait until the scan is done. */
    @Override
    public synchronized void scan(Consumer<TargetKey> keys) {
        try {
            Connection db = connection();
            schema.prepareTables(db);
            inventory.scan(db, keys);
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    @Override
    public synchronized Optional<TargetRow> read(String key) {
        try {
            Connection db = connection();
            schema.prepareTables(db);
            return inventory.read(db, key);
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** The table is looked up for every change: a new source field widens it mid-batch. */
    private void writeTable(Connection db, String source, List<ChangeEvent> changes, List<Integer> indexes,
                            List<WriteOutcome> outcomes) throws SQLException {
        schema.prepare(db, new MergeSql(dialect, schema.table(source).spec()), schema.table(source)); // knows the applied defaults
        List<WarehouseRow> batch = new ArrayList<>();
        for (int index : indexes) {
            ChangeEvent change = changes.get(index);
            WarehouseTable table = schema.table(source);
            if (change.operation() == Operation.TRUNCATE) {
                merge(db, table, batch);
                truncate(db, table, change.position().value());
                outcomes.set(index, WriteOutcome.WRITTEN);
                continue;
            }
            try {
                batch.add(rows.row(db, table, change));
                outcomes.set(index, WriteOutcome.WRITTEN);
            } catch (IllegalArgumentException e) {
                outcomes.set(index, WriteOutcome.rejected("table " + table.spec().name() + ": " + e.getMessage()));
            }
        }
        merge(db, schema.table(source), batch);
    }

    private void merge(Connection db, WarehouseTable table, List<WarehouseRow> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        MergeSql sql = new MergeSql(dialect, table.spec());
        schema.prepare(db, sql, table);
        List<WarehouseRow> staged = rows.staged(db, sql, table, batch);
        try (Statement statement = db.createStatement()) {
            statement.execute(sql.clearStage());
            loader.load(db, sql, table.spec(), staged);
            statement.executeUpdate(sql.merge());
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        batch.clear();
    }

    private void truncate(Connection db, WarehouseTable table, long position) throws SQLException {
        MergeSql sql = new MergeSql(dialect, table.spec());
        schema.prepare(db, sql, table);
        try (PreparedStatement barrier = db.prepareStatement(sql.raiseTruncateBarrier());
             PreparedStatement older = db.prepareStatement(sql.truncateOlderThan())) {
            barrier.setLong(1, position);
            barrier.executeUpdate();
            older.setLong(1, position);
            older.setLong(2, position);
            older.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl, timeouts);
            connection.setAutoCommit(false);
            schema.connected();
        }
        return connection;
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being replaced anyway
        } finally {
            connection = null;
        }
    }
}
