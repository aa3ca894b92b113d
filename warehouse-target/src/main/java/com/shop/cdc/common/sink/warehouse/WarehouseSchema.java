package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The shape of the warehouse tables: each table and its stage created from its declared columns, a
 * new source field added as a column, and the source's declared defaults given to the rows stored
 * before they were known. It holds each table's current shape and the defaults each has learned.
 *
 * <p>Declared source defaults ({@link com.shop.cdc.common.event.ChangeEvent#defaults()}):
 * {@code ADD COLUMN … DEFAULT x} fills the source's existing rows without events. A column added
 * here for a new field gets the default as a literal in its {@code ADD COLUMN} (filling existing
 * rows in every dialect), or, where no literal reads alike everywhere, a bound {@code UPDATE}. A
 * column that already existed (declared in configuration, or added by an earlier run) gets it once
 * a change declares it, with the guarded {@code UPDATE … WHERE c IS NULL AND _source_pos < p} of
 * that change's position: rows stored before the default was known, by changes that could not
 * carry it, get it; a newer row's NULL was written by a change that knew the default and stays.
 * Which columns got theirs is kept in {@code _cdc_defaults}, so a restart does not give it again to
 * rows a source has since set to NULL.
 *
 * <p>Not thread-safe: the writer calls it under its lock, on its connection.
 */
final class WarehouseSchema {

    /** The writer's category: what it logs of its tables is read with its writes. */
    private static final Logger LOG = Logger.getLogger(WarehouseChangeWriter.class);

    private final WarehouseDialect dialect;
    private final ObjectMapper json;
    private final Map<String, WarehouseTable> bySource = new HashMap<>();
    private final Map<String, DeclaredDefaults> defaults = new HashMap<>();
    private final Set<String> prepared = new HashSet<>();

    WarehouseSchema(WarehouseDialect dialect, ObjectMapper json, List<WarehouseTable> tables) {
        this.dialect = dialect;
        this.json = json;
        for (WarehouseTable table : tables) {
            bySource.put(table.source(), table);
            defaults.put(table.source(), new DeclaredDefaults());
        }
    }

    /** The table as it is now: a new source field widens it. */
    WarehouseTable table(String source) {
        return bySource.get(source);
    }

    DeclaredDefaults defaults(String source) {
        return defaults.get(source);
    }

    /** A new connection: every table is checked again before it is used. */
    void connected() {
        prepared.clear();
    }

    void prepareTables(Connection db) throws SQLException {
        for (WarehouseTable table : bySource.values()) {
            prepare(db, new MergeSql(dialect, table.spec()), table);
        }
    }

    /** Creates the table and its stage once per connection, and adds declared columns the table lacks. */
    void prepare(Connection db, MergeSql sql, WarehouseTable table) throws SQLException {
        if (!prepared.add(table.spec().name())) {
            return;
        }
        try (Statement statement = db.createStatement()) {
            statement.execute(MergeSql.createTruncations());
            statement.execute(MergeSql.createDefaults());
            statement.execute(sql.createTable());
            Set<String> existing = existingColumns(db, table.spec().name());
            for (Map.Entry<String, ColumnType> column : table.spec().columns().entrySet()) {
                if (!existing.contains(column.getKey().toLowerCase(Locale.ROOT))) {
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
     *
     * @return the table widened by the column
     */
    WarehouseTable addColumn(Connection db, WarehouseTable table, String column, ColumnType type, Object declaredDefault,
                             long position) throws SQLException {
        MergeSql sql = new MergeSql(dialect, table.spec());
        prepare(db, sql, table);
        DeclaredDefaults known = defaults.get(table.source());
        Object fitted = declaredDefault == null ? null : fittedDefault(table, column, type, declaredDefault);
        String literal = fitted == null ? null : DefaultLiteral.of(dialect, type, fitted);
        boolean existed = existingColumns(db, table.spec().name()).contains(column.toLowerCase(Locale.ROOT));
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
        return widened;
    }

    /** A default declared for an existing column is given to the rows stored before it was known, once. */
    void learnDefaults(Connection db, WarehouseTable table, Map<String, Object> declared, long position)
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
            record.setString(1, column.toLowerCase(Locale.ROOT));
            record.setLong(2, position);
            record.executeUpdate();
            LOG.infof("gave %d rows of %s stored before position %d the source's default of %s", filled, table.spec().name(),
                    position, column);
        }
        defaults.get(table.source()).applied(column);
    }

    private static Set<String> existingColumns(Connection db, String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE lower(table_name) = lower(?)")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
