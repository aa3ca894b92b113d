package com.shop.cdc.common.sink.warehouse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The defaults one table's source declares, as changes tell them, and which of them the stored rows
 * already have. {@code ALTER TABLE … ADD COLUMN c … DEFAULT x} gives every existing source row x
 * without a change event: a change whose schema has no field c is older than that, so its row has
 * x at the source, and rows stored before the default was known get it once. Defaults learned
 * here live as long as the writer; which ones were applied is kept in {@link MergeSql#DEFAULTS}.
 */
final class DeclaredDefaults {

    private final Map<String, Object> declared = new HashMap<>();
    private final Map<String, Object> fitted = new HashMap<>();
    private final Set<String> applied = new HashSet<>();

    /** Whether this is news: a column's default not seen yet, or changed since. */
    boolean isNew(String column, Object value) {
        return !declared.containsKey(column) || !Objects.equals(declared.get(column), value);
    }

    /** Remembers a declared default and its fitted value (null when it fits no value of the column). */
    void learn(String column, Object value, Object fittedValue) {
        declared.put(column, value);
        if (fittedValue == null) {
            fitted.remove(column);
        } else {
            fitted.put(column, fittedValue);
        }
    }

    boolean isApplied(String column) {
        return applied.contains(column.toLowerCase(Locale.ROOT));
    }

    void applied(String column) {
        applied.add(column.toLowerCase(Locale.ROOT));
    }

    void appliedAlready(Set<String> columns) {
        columns.forEach(this::applied);
    }

    /**
     * Gives each non-deleted row the known default of every column its change did not declare:
     * the source filled that column for it when the column was added.
     */
    List<WarehouseRow> fillUndeclared(List<WarehouseRow> rows) {
        if (fitted.isEmpty()) {
            return rows;
        }
        return rows.stream().map(row -> {
            if (row.deleted()) {
                return row;
            }
            Map<String, Object> missing = new HashMap<>();
            fitted.forEach((column, value) -> {
                if (!row.values().containsKey(column) && !row.unchanged().contains(column)) {
                    missing.put(column, value);
                }
            });
            return missing.isEmpty() ? row : row.with(missing);
        }).toList();
    }
}
