package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.reconcile.TargetInventory;
import com.shop.cdc.common.reconcile.TargetKey;
import com.shop.cdc.common.sink.ChangeWriter;
import com.shop.cdc.common.sink.TableRoutes;
import com.shop.cdc.common.sink.TargetUnavailableException;
import com.shop.cdc.common.sink.WriteOutcome;
import com.shop.cdc.common.transform.FieldTransforms;
import com.shop.cdc.common.transform.RowTransform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps warehouse tables equal to the source with one guarded MERGE per table per batch (see
 * {@link MergeSql}): the batch is staged (DuckDB's Appender, batched binds elsewhere), the newest
 * change per key is merged where it is newer than the row's {@code _source_pos}, deletes are soft.
 * Tables are created from their declared columns; a new source field becomes a new column; a
 * value that does not fit its column (its type, or the warehouse's range) is rejected for its own
 * change, never retyped, never failing the batch. As an inventory it names a row
 * {@code TABLE:k1/k2} by its key columns as text, and a soft-deleted row is a delete marker.
 */
public final class WarehouseChangeWriter implements ChangeWriter, TargetInventory {

    private static final Logger LOG = Logger.getLogger(WarehouseChangeWriter.class);
    private static final int PROBE_TIMEOUT_SECONDS = 2;
    private static final int SCAN_FETCH_SIZE = 5000;

    private final String jdbcUrl;
    private final WarehouseDialect dialect;
    private final ObjectMapper json;
    private final Map<String, WarehouseTable> bySource = new HashMap<>();
    /** Names and keys never change when a table widens: readable without the writer's lock. */
    private final Map<String, TableSpec> declared = new HashMap<>();
    private final Map<String, List<RowTransform>> privacy = new HashMap<>();
    private final StageLoader loader;
    /** Each configured source name to itself: which one a change's table is kept under. */
    private final TableRoutes<String> routes;
    private final Set<String> prepared = new HashSet<>();
    private Connection connection;

    public WarehouseChangeWriter(String jdbcUrl, WarehouseDialect dialect, ObjectMapper json, List<WarehouseTable> tables,
                                 String hashSalt) {
        this.jdbcUrl = jdbcUrl;
        this.dialect = dialect;
        this.json = json;
        this.loader = StageLoader.forDialect(dialect);
        dialect.loadDriver();
        for (WarehouseTable table : tables) {
            bySource.put(table.source(), table);
            declared.put(table.source(), table.spec());
            List<RowTransform> steps = new ArrayList<>();
            table.excluded().forEach(field -> steps.add(FieldTransforms.drop(field)));
            table.hashed().forEach(field -> steps.add(FieldTransforms.hash(field, hashSalt)));
            privacy.put(table.source(), steps);
        }
        Map<String, String> names = new HashMap<>();
        bySource.keySet().forEach(name -> names.put(name, name));
        this.routes = new TableRoutes<>(names, "cdc.warehouse.tables.<TABLE>.source");
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
            prepareTables(connection());
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    @Override
    public Optional<String> keyOf(ChangeEvent change) {
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
    @Override
    public String digestOf(ChangeEvent change) {
        return null;
    }

    /** Each table in one streamed query on the writer's connection: writes wait until the scan is done. */
    @Override
    public synchronized void scan(Consumer<TargetKey> keys) {
        try {
            Connection db = connection();
            prepareTables(db);
            for (WarehouseTable table : bySource.values()) {
                StringBuilder select = new StringBuilder("SELECT ");
                table.keyColumns().forEach(column -> select.append("CAST(").append(column).append(" AS VARCHAR), "));
                select.append("_source_pos, _deleted FROM ").append(table.spec().name());
                int keyCount = table.keyColumns().size();
                try (Statement statement = db.createStatement()) {
                    statement.setFetchSize(SCAN_FETCH_SIZE);
                    try (ResultSet rs = statement.executeQuery(select.toString())) {
                        while (rs.next()) {
                            List<String> values = new ArrayList<>(keyCount);
                            for (int i = 1; i <= keyCount; i++) {
                                values.add(rs.getString(i));
                            }
                            keys.accept(new TargetKey(table.spec().name() + ":" + String.join("/", values),
                                    rs.getLong(keyCount + 1), rs.getBoolean(keyCount + 2), null));
                        }
                    }
                }
                db.commit();
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** The table is looked up for every change: a new source field widens it mid-batch. */
    private void writeTable(Connection db, String source, List<ChangeEvent> changes, List<Integer> indexes,
                            List<WriteOutcome> outcomes) throws SQLException {
        List<WarehouseRow> rows = new ArrayList<>();
        for (int index : indexes) {
            ChangeEvent change = changes.get(index);
            WarehouseTable table = bySource.get(source);
            if (change.operation() == Operation.TRUNCATE) {
                merge(db, table, rows);
                truncate(db, table, change.position().value());
                outcomes.set(index, WriteOutcome.WRITTEN);
                continue;
            }
            try {
                rows.add(row(db, table, change));
                outcomes.set(index, WriteOutcome.WRITTEN);
            } catch (IllegalArgumentException e) {
                outcomes.set(index, WriteOutcome.rejected("table " + table.spec().name() + ": " + e.getMessage()));
            }
        }
        merge(db, bySource.get(source), rows);
    }

    private WarehouseRow row(Connection db, WarehouseTable table, ChangeEvent change) throws SQLException {
        boolean deleted = change.operation() == Operation.DELETE;
        Map<String, Object> source = new LinkedHashMap<>(deleted ? change.key() : change.after());
        for (RowTransform step : privacy.get(table.source())) {
            step.apply(source);
        }
        Set<String> unchanged = new HashSet<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : source.entrySet()) {
            String column = field.getKey();
            if (field.getValue() == Unavailable.VALUE) {
                unchanged.add(column);
                continue;
            }
            ColumnType type = table.spec().columns().get(column);
            if (type == null) {
                if (field.getValue() == null || !TableSpec.isIdentifier(column)) {
                    continue; // nothing to learn a type from yet
                }
                type = addColumn(db, table, column, ColumnValues.inferred(field.getValue()));
            }
            values.put(column, ColumnValues.fit(column, type, field.getValue(), json, dialect));
        }
        return new WarehouseRow(values, change.position().value(), deleted, change.operation().code(),
                change.sourceTimestamp(), unchanged);
    }

    private void merge(Connection db, WarehouseTable table, List<WarehouseRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        MergeSql sql = new MergeSql(dialect, table.spec());
        prepare(db, sql, table);
        try (Statement statement = db.createStatement()) {
            statement.execute(sql.clearStage());
            loader.load(db, sql, table.spec(), rows);
            statement.executeUpdate(sql.merge());
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        rows.clear();
    }

    private void truncate(Connection db, WarehouseTable table, long position) throws SQLException {
        MergeSql sql = new MergeSql(dialect, table.spec());
        prepare(db, sql, table);
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

    private void prepareTables(Connection db) throws SQLException {
        for (WarehouseTable table : bySource.values()) {
            prepare(db, new MergeSql(dialect, table.spec()), table);
        }
    }

    /** Creates the table and its stage once per connection, and adds declared columns the table lacks. */
    private void prepare(Connection db, MergeSql sql, WarehouseTable table) throws SQLException {
        if (!prepared.add(table.spec().name())) {
            return;
        }
        try (Statement statement = db.createStatement()) {
            statement.execute(MergeSql.createTruncations());
            statement.execute(sql.createTable());
            Set<String> existing = existingColumns(db, table.spec().name());
            for (Map.Entry<String, ColumnType> column : table.spec().columns().entrySet()) {
                if (!existing.contains(column.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    statement.execute(sql.addColumn(column.getKey(), column.getValue(), null));
                }
            }
            statement.execute(sql.createStage());
            db.commit();
        }
    }

    private ColumnType addColumn(Connection db, WarehouseTable table, String column, ColumnType type) throws SQLException {
        MergeSql sql = new MergeSql(dialect, table.spec());
        prepare(db, sql, table);
        try (Statement statement = db.createStatement()) {
            statement.execute(sql.addColumn(column, type, null));
            statement.execute("DROP TABLE IF EXISTS " + sql.stageName());
            db.commit();
        }
        LOG.infof("added column %s %s to %s for a new source field", column, dialect.typeName(type), table.spec().name());
        WarehouseTable widened = new WarehouseTable(table.source(), table.spec().withColumn(column, type), table.excluded(),
                table.hashed());
        bySource.put(table.source(), widened);
        prepared.remove(table.spec().name());
        return type;
    }

    private static Set<String> existingColumns(Connection db, String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE lower(table_name) = lower(?)")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
            prepared.clear();
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
