package com.shop.cdc.common.sink.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statements of the guarded write, for one table in one dialect. A batch is staged into a
 * temporary table, then one MERGE applies the newest staged change per key, only where it is newer
 * than what the target holds and newer than the table's last truncate. Deletes are soft: the row
 * keeps its key and position so a late replay of an older upsert cannot bring it back.
 */
public final class MergeSql {

    public static final String TRUNCATIONS = "_cdc_truncations";
    /** The columns whose declared source default has been given to the rows stored before it was known. */
    public static final String DEFAULTS = "_cdc_defaults";
    static final List<String> BOOKKEEPING = List.of("_source_pos", "_deleted", "_op", "_source_ts", "_ingested_at");

    private final WarehouseDialect dialect;
    private final TableSpec table;

    public MergeSql(WarehouseDialect dialect, TableSpec table) {
        this.dialect = dialect;
        this.table = table;
    }

    public String stageName() {
        return "stage_" + table.name().toLowerCase(java.util.Locale.ROOT);
    }

    public String createTable() {
        List<String> columns = new ArrayList<>();
        table.columns().forEach((name, type) -> columns.add(name + " " + dialect.typeName(type)));
        columns.add("_source_pos BIGINT NOT NULL");
        columns.add("_deleted BOOLEAN NOT NULL");
        columns.add("_op VARCHAR(1) NOT NULL");
        columns.add("_source_ts " + dialect.typeName(ColumnType.of(ColumnType.Kind.TIMESTAMP)));
        columns.add("_ingested_at " + dialect.typeName(ColumnType.of(ColumnType.Kind.TIMESTAMP)));
        columns.add("PRIMARY KEY (" + String.join(", ", table.keyColumns()) + ")");
        return "CREATE TABLE IF NOT EXISTS " + table.name() + " (\n  " + String.join(",\n  ", columns) + "\n)";
    }

    public static String createTruncations() {
        return "CREATE TABLE IF NOT EXISTS " + TRUNCATIONS + " (table_name VARCHAR(128) PRIMARY KEY, position BIGINT NOT NULL)";
    }

    public static String createDefaults() {
        return "CREATE TABLE IF NOT EXISTS " + DEFAULTS + " (table_name VARCHAR(128) NOT NULL, column_name VARCHAR(128) NOT NULL,"
                + " position BIGINT NOT NULL, PRIMARY KEY (table_name, column_name))";
    }

    /** The (lower-case) columns of this table whose default is applied. */
    public String appliedDefaults() {
        return "SELECT column_name FROM " + DEFAULTS + " WHERE table_name = '" + table.name() + "'";
    }

    /** Binds: the lower-case column, the position of the change that declared the default. */
    public String recordDefault() {
        return "INSERT INTO " + DEFAULTS + " (table_name, column_name, position) VALUES ('" + table.name() + "', ?, ?)";
    }

    /**
     * Gives the default (bound first) to rows stored before it was known: those older than the change that
     * declared it (bound second) whose value is missing. A newer row's NULL was written by a change that knew it.
     */
    public String fillDefault(String column, ColumnType type) {
        TableSpec.requireIdentifier(column);
        String value = type.kind() == ColumnType.Kind.JSON ? dialect.jsonFromText("?") : "?";
        return "UPDATE " + table.name() + " SET " + column + " = " + value + " WHERE " + column + " IS NULL AND _source_pos < ?";
    }

    /**
     * The stored positions of {@code keys} keys, bound in key-column order per key, each answered by its
     * ordinal in the first column; the table's truncate position comes as ordinal -1. One statement.
     */
    public String storedPositions(int keys) {
        List<String> tuples = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            StringBuilder tuple = new StringBuilder("(").append(i);
            for (String key : table.keyColumns()) {
                tuple.append(", CAST(? AS ").append(dialect.stagedTypeName(table.columns().get(key))).append(')');
            }
            tuples.add(tuple.append(')').toString());
        }
        String on = table.keyColumns().stream().map(k -> "t." + k + " = v." + k).collect(Collectors.joining(" AND "));
        return "SELECT v._n, t._source_pos FROM " + table.name() + " t JOIN (VALUES " + String.join(", ", tuples)
                + ") AS v(_n, " + String.join(", ", table.keyColumns()) + ") ON " + on
                + " UNION ALL SELECT -1, position FROM " + TRUNCATIONS + " WHERE table_name = '" + table.name() + "'";
    }

    /** Idempotent: after a restart the column a previous run added is already there. */
    public String addColumn(String column, ColumnType type, String defaultLiteral) {
        TableSpec.requireIdentifier(column);
        return "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS " + column + " " + dialect.typeName(type)
                + (defaultLiteral == null ? "" : " DEFAULT " + defaultLiteral);
    }

    public String createStage() {
        List<String> columns = new ArrayList<>();
        table.columns().forEach((name, type) -> columns.add(name + " " + dialect.stagedTypeName(type)));
        columns.add("_source_pos BIGINT");
        columns.add("_deleted BOOLEAN");
        columns.add("_op VARCHAR(1)");
        columns.add("_source_ts " + dialect.typeName(ColumnType.of(ColumnType.Kind.TIMESTAMP)));
        columns.add("_unchanged VARCHAR");
        return dialect.temporaryTable() + " " + stageName() + " (" + String.join(", ", columns) + ")";
    }

    /** Columns of the stage in insertion order (what a loader binds). */
    public List<String> stagedColumns() {
        List<String> columns = new ArrayList<>(table.columns().keySet());
        columns.addAll(List.of("_source_pos", "_deleted", "_op", "_source_ts", "_unchanged"));
        return columns;
    }

    public String insertIntoStage() {
        List<String> columns = stagedColumns();
        return "INSERT INTO " + stageName() + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** PostgreSQL's COPY of the stage's columns, in the order of {@link #stagedColumns()}, text format. */
    public String copyIntoStage() {
        return "COPY " + stageName() + " (" + String.join(", ", stagedColumns()) + ") FROM STDIN";
    }

    public String clearStage() {
        return dialect.clearTable(stageName());
    }

    public String merge() {
        String keys = String.join(", ", table.keyColumns());
        String on = table.keyColumns().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        List<String> data = table.columns().keySet().stream().filter(c -> !table.keyColumns().contains(c)).toList();
        String newest = "SELECT " + selectList() + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY " + keys
                + " ORDER BY _source_pos DESC) AS _rn FROM " + stageName() + ") ranked"
                + " WHERE _rn = 1 AND _source_pos > COALESCE((SELECT position FROM " + TRUNCATIONS
                + " WHERE table_name = '" + table.name() + "'), 0)";
        List<String> updates = new ArrayList<>();
        for (String column : data) {
            updates.add(column + " = CASE WHEN s._unchanged LIKE '%," + column + ",%' THEN t." + column
                    + " ELSE s." + column + " END");
        }
        updates.add("_source_pos = s._source_pos");
        updates.add("_deleted = s._deleted");
        updates.add("_op = s._op");
        updates.add("_source_ts = s._source_ts");
        updates.add("_ingested_at = CURRENT_TIMESTAMP");
        List<String> inserted = new ArrayList<>(table.columns().keySet());
        inserted.addAll(BOOKKEEPING);
        String values = inserted.stream().map(c -> c.equals("_ingested_at") ? "CURRENT_TIMESTAMP" : "s." + c)
                .collect(Collectors.joining(", "));
        return "MERGE INTO " + table.name() + " t\nUSING (" + newest + ") s\nON " + on
                + "\nWHEN MATCHED AND s._source_pos > t._source_pos THEN UPDATE SET\n  " + String.join(",\n  ", updates)
                + "\nWHEN NOT MATCHED THEN INSERT (" + String.join(", ", inserted) + ")\n  VALUES (" + values + ")";
    }

    /** The truncate barrier: later writes older than it are ignored by {@link #merge()}. */
    public String raiseTruncateBarrier() {
        return "MERGE INTO " + TRUNCATIONS + " t USING (SELECT '" + table.name() + "' AS table_name, CAST(? AS BIGINT) AS position) s"
                + " ON t.table_name = s.table_name"
                + " WHEN MATCHED AND s.position > t.position THEN UPDATE SET position = s.position"
                + " WHEN NOT MATCHED THEN INSERT (table_name, position) VALUES (s.table_name, s.position)";
    }

    /** Rows older than the truncate are removed (soft); rows written after it, from other partitions, stay. */
    public String truncateOlderThan() {
        return "UPDATE " + table.name() + " SET _deleted = TRUE, _op = 't', _source_pos = ?, _ingested_at = CURRENT_TIMESTAMP"
                + " WHERE _source_pos < ? AND NOT _deleted";
    }

    private String selectList() {
        List<String> select = new ArrayList<>();
        for (Map.Entry<String, ColumnType> column : table.columns().entrySet()) {
            select.add(column.getValue().kind() == ColumnType.Kind.JSON
                    ? dialect.jsonFromText(column.getKey()) + " AS " + column.getKey() : column.getKey());
        }
        select.addAll(List.of("_source_pos", "_deleted", "_op", "_source_ts", "_unchanged"));
        return String.join(", ", select);
    }
}
