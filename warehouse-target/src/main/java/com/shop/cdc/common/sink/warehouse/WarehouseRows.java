package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.transform.FieldTransforms;
import com.shop.cdc.common.transform.RowTransform;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a change into the row to merge, and a table's rows into the rows to stage: fields dropped
 * or pseudonymised as configured, each value fitted to its column, unchanged values carried and
 * known defaults filled in. A new source field widens the table through {@link WarehouseSchema}; a
 * value that does not fit its column (its type, or the warehouse's range) is an
 * {@link IllegalArgumentException} for its own change, never a retyped column.
 *
 * <p>An unchanged TOAST value ({@code _unchanged}) is the newest value before it: the stored row's,
 * or an earlier change's of the same batch ({@link UnchangedCarry}), so batch boundaries do not
 * change the result. A change whose schema lacks a column whose default is known predates the
 * column: its row gets the default, as the source's row did ({@link DeclaredDefaults}).
 */
final class WarehouseRows {

    private final WarehouseDialect dialect;
    private final ObjectMapper json;
    private final WarehouseSchema schema;
    private final Map<String, List<RowTransform>> privacy = new HashMap<>();

    WarehouseRows(WarehouseDialect dialect, ObjectMapper json, WarehouseSchema schema, List<WarehouseTable> tables,
                  String hashSalt) {
        this.dialect = dialect;
        this.json = json;
        this.schema = schema;
        for (WarehouseTable table : tables) {
            List<RowTransform> steps = new ArrayList<>();
            table.excluded().forEach(field -> steps.add(FieldTransforms.drop(field)));
            table.hashed().forEach(field -> steps.add(FieldTransforms.hash(field, hashSalt)));
            privacy.put(table.source(), steps);
        }
    }

    /** @throws IllegalArgumentException when a value fits no value of its column */
    WarehouseRow row(Connection db, WarehouseTable table, ChangeEvent change) throws SQLException {
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
                type = ColumnValues.inferred(sample);
                // widened: the next new field widens this, not the old shape
                table = schema.addColumn(db, table, column, type, declaredDefaults.get(column), position);
            }
            values.put(column, ColumnValues.fit(column, type, field.getValue(), json, dialect));
        }
        schema.learnDefaults(db, table, declaredDefaults, position);
        return new WarehouseRow(values, position, deleted, change.operation().code(), change.sourceTimestamp(), unchanged);
    }

    /** The rows as they are staged: each given the known defaults it lacks, its unchanged values carried. */
    List<WarehouseRow> staged(Connection db, MergeSql sql, WarehouseTable table, List<WarehouseRow> rows)
            throws SQLException {
        return UnchangedCarry.resolve(table.keyColumns(), schema.defaults(table.source()).fillUndeclared(rows),
                new StoredPositions(db, sql, table.spec()));
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
}
