package com.shop.cdc.common.sink.warehouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A warehouse table as a domain declares it: its name, its key columns and its data columns in
 * order. Identifiers are restricted to plain SQL names so they can be written into statements
 * unquoted (Snowflake then upper-cases them, DuckDB and PostgreSQL fold case).
 */
public record TableSpec(String name, List<String> keyColumns, Map<String, ColumnType> columns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public TableSpec {
        requireIdentifier(name);
        columns.keySet().forEach(TableSpec::requireIdentifier);
        for (String key : keyColumns) {
            if (!columns.containsKey(key)) {
                throw new IllegalArgumentException("key column '" + key + "' of table " + name + " is not declared");
            }
        }
        keyColumns = List.copyOf(keyColumns);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public TableSpec withColumn(String column, ColumnType type) {
        Map<String, ColumnType> more = new LinkedHashMap<>(columns);
        more.put(column, type);
        return new TableSpec(name, keyColumns, more);
    }

    public static boolean isIdentifier(String text) {
        return IDENTIFIER.matcher(text).matches();
    }

    static void requireIdentifier(String text) {
        if (!isIdentifier(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a plain SQL identifier");
        }
    }
}
