package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import com.shop.cdc.common.transform.FieldTransforms;
import com.shop.cdc.common.transform.RowTransform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps warehouse tables equal to the source with one guarded MERGE per table per batch (see
 * {@link MergeSql}): the batch is staged (DuckDB's Appender, batched binds elsewhere), the newest
 * change per key is merged where it is newer than the row's {@code _source_pos}, deletes are soft.
 * Tables are created from their declared columns; a new source field becomes a new column; a
 * value that does not fit its column (its type, or the warehouse's range) is rejected for its own
 * change, never retyped, never failing the batch. As a {@link TargetInventory} it hands
 * reconciliation to {@link WarehouseInventory}, whose scan runs on the writer's connection under
 * its lock: writes wait until the scan is done.
 *
 * <p>An unchanged TOAST value ({@code _unchanged}) is the newest value before it: the stored row's,
 * or an earlier change's of the same batch ({@link UnchangedCarry}), so batch boundaries do not
 * change the result.
 *
 * <p>Declared source defaults ({@link ChangeEvent#defaults()}): {@code ADD COLUMN … DEFAULT x} fills
 * the source's existing rows without events. A column added here for a new field gets the default
 * as a literal in its {@code ADD COLUMN} (filling existing rows in every dialect), or, where no
 * literal reads alike everywhere, a bound {@code UPDATE}. A column that already existed (declared in
 * configuration, or added by an earlier run) gets it once a change declares it, with the guarded
 * {@code UPDATE … WHERE c IS NULL AND _source_pos < p} of that change's position: rows stored
 * before the default was known, by changes that could not carry it, get it; a newer row's NULL was
 * written by a change that knew the default and stays. Which columns got theirs is kept in
 * {@code _cdc_defaults}, so a restart does not give it again to rows a source has since set to
 * NULL. A change whose schema lacks a column whose default is known predates the column: its row
 * gets the default, as the source's row did.
 */
public final class WarehouseChangeWriter implements ChangeWriter, TargetInventory {

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger LOG = Logger.getLogger(WarehouseChangeWriter.class);
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final String jdbcUrl;
    private final WarehouseDialect dialect;
    private final ObjectMapper json;
    private final Map<String, WarehouseTable> bySource = new HashMap<>();
    private final Map<String, List<RowTransform>> privacy = new HashMap<>();
    private final Map<String, DeclaredDefaults> defaults = new HashMap<>();
    private final StageLoader loader;
    /** Each configured source name to itself: which one a change's table is kept under. */
    private final TableRoutes<String> routes;
    private final Set<String> prepared = new HashSet<>();
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
        this.json = json;
        this.loader = StageLoader.forDialect(dialect);
        dialect.loadDriver();
        for (WarehouseTable table : tables) {
            bySource.put(table.source(), table);
            List<RowTransform> steps = new ArrayList<>();
            table.excluded().forEach(field -> steps.add(FieldTransforms.drop(field)));
            table.hashed().forEach(field -> steps.add(FieldTransforms.hash(field, hashSalt)));
            privacy.put(table.source(), steps);
            defaults.put(table.source(), new DeclaredDefaults());
        }
        Map<String, String> names = new HashMap<>();
        bySource.keySet().forEach(name -> names.put(name, name));
        this.routes = new TableRoutes<>(names, "cdc.warehouse.tables.<TABLE>.source");
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
            prepareTables(connection());
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
            prepareTables(db);
            inventory.scan(db, keys);
        } catch (SQLException e) {
            closeQuietly();
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** The table is looked up for every change: a new source field widens it mid-batch. */
    private void writeTable(Connection db, String source, List<ChangeEvent> changes, List<Integer> indexes,
                            List<WriteOutcome> outcomes) throws SQLException {
        prepare(db, new MergeSql(dialect, bySource.get(source).spec()), bySource.get(source)); // knows the applied defaults
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
        Map<String, Object> declaredDefaults = deleted ? Map.of() : privateDefaults(table, change);
        long position = change.position().value();
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
                if (!TableSpec.isIdentifier(column)) {
                    continue;
                }
                Object sample = field.getValue() != null ? field.getValue() : declaredDefaults.get(column);
                if (sample == null) {
                    values.put(column, null); // nothing to learn a type from yet; the change did declare the field
                    continue;
                }
                type = addColumn(db, table, column, ColumnValues.inferred(sample), declaredDefaults.get(column), position);
                table = bySource.get(table.source()); // widened: the next new field widens this, not the old shape
            }
            values.put(column, ColumnValues.fit(column, type, field.getValue(), json, dialect));
        }
        learnDefaults(db, table, declaredDefaults, position);
        return new WarehouseRow(values, position, deleted, change.operation().code(), change.sourceTimestamp(), unchanged);
    }

    /** The change's declared defaults as the warehouse keeps its values: excluded fields dropped, hashed ones hashed. */
    private Map<String, Object> privateDefaults(WarehouseTable table, ChangeEvent change) {
        if (change.defaults().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> declared = new LinkedHashMap<>(change.defaults());
        for (RowTransform step : privacy.get(table.source())) {
            step.apply(declared);
        }
        return declared;
    }

    /** A default declared for an existing column is given to the rows stored before it was known, once. */
    private void learnDefaults(Connection db, WarehouseTable table, Map<String, Object> declared, long position)
            throws SQLException {
        DeclaredDefaults known = defaults.get(table.source());
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            String column = entry.getKey();
            ColumnType type = table.spec().columns().get(column);
            if (type == null || entry.getValue() == null || !known.isNew(column, entry.getValue())) {
                continue;
            }
            Object fitted = fittedDefault(table, column, type, entry.getValue());
            known.learn(column, entry.getValue(), fitted);
            if (fitted != null && !known.isApplied(column)) {
                MergeSql sql = new MergeSql(dialect, table.spec());
                prepare(db, sql, table);
                fillDefault(db, sql, table, column, type, fitted, position);
                db.commit();
            }
        }
    }

    /** @return the default as the column holds it, or null (logged) when it fits no value of the column */
    private Object fittedDefault(WarehouseTable table, String column, ColumnType type, Object value) {
        try {
            return ColumnValues.fit(column, type, value, json, dialect);
        } catch (IllegalArgumentException e) {
            LOG.warnf("table %s: the source's declared default is not applied: %s", table.spec().name(), e.getMessage());
            return null;
        }
    }

    /** Rows stored before the default was known and older than the change declaring it get it, where they have nothing. */
    private void fillDefault(Connection db, MergeSql sql, WarehouseTable table, String column, ColumnType type, Object value,
                             long position) throws SQLException {
        try (PreparedStatement fill = db.prepareStatement(sql.fillDefault(column, type));
             PreparedStatement record = db.prepareStatement(sql.recordDefault())) {
            JdbcBatchLoader.bind(fill, 1, type, value);
            fill.setLong(2, position);
            int filled = fill.executeUpdate();
            record.setString(1, column.toLowerCase(java.util.Locale.ROOT));
            record.setLong(2, position);
            record.executeUpdate();
            LOG.infof("gave %d rows of %s stored before position %d the source's default of %s", filled, table.spec().name(),
                    position, column);
        }
        defaults.get(table.source()).applied(column);
    }

    private void merge(Connection db, WarehouseTable table, List<WarehouseRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        MergeSql sql = new MergeSql(dialect, table.spec());
        prepare(db, sql, table);
        List<WarehouseRow> staged = UnchangedCarry.resolve(table.keyColumns(),
                defaults.get(table.source()).fillUndeclared(rows), new StoredPositions(db, sql, table.spec()));
        try (Statement statement = db.createStatement()) {
            statement.execute(sql.clearStage());
            loader.load(db, sql, table.spec(), staged);
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
            statement.execute(MergeSql.createDefaults());
            statement.execute(sql.createTable());
            Set<String> existing = existingColumns(db, table.spec().name());
            for (Map.Entry<String, ColumnType> column : table.spec().columns().entrySet()) {
                if (!existing.contains(column.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    statement.execute(sql.addColumn(column.getKey(), column.getValue(), null));
                }
            }
            statement.execute(sql.createStage());
            Set<String> applied = new HashSet<>();
            try (ResultSet rs = statement.executeQuery(sql.appliedDefaults())) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            defaults.get(table.source()).appliedAlready(applied);
            db.commit();
        }
    }

    /**
     * Adds a column for a new source field, with the source's declared default so existing rows read it as the
     * source's do (ADD COLUMN … DEFAULT fills them in DuckDB, PostgreSQL and Snowflake); a default without a
     * literal every dialect reads alike, or a column a previous run added, is filled with a bind instead.
     */
    private ColumnType addColumn(Connection db, WarehouseTable table, String column, ColumnType type, Object declaredDefault,
                                 long position) throws SQLException {
        MergeSql sql = new MergeSql(dialect, table.spec());
        prepare(db, sql, table);
        DeclaredDefaults known = defaults.get(table.source());
        Object fitted = declaredDefault == null ? null : fittedDefault(table, column, type, declaredDefault);
        String literal = fitted == null ? null : DefaultLiteral.of(dialect, type, fitted);
        boolean existed = existingColumns(db, table.spec().name()).contains(column.toLowerCase(java.util.Locale.ROOT));
        try (Statement statement = db.createStatement()) {
            statement.execute(sql.addColumn(column, type, literal));
            statement.execute("DROP TABLE IF EXISTS " + sql.stageName());
            if (fitted != null) {
                known.learn(column, declaredDefault, fitted);
                if (!known.isApplied(column)) {
                    fillDefault(db, sql, table, column, type, fitted, existed || literal == null ? position : Long.MIN_VALUE);
                }
            }
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
            connection = DriverManager.getConnection(jdbcUrl, timeouts);
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
