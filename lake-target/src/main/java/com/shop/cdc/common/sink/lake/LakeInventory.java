package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.core.JsonFactory;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.JsonDocument;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What the lake holds, for reconciliation: a row is named {@code TABLE:k1/k2} by its key values as Iceberg stores
 * them, a key whose newest entry is in the delete markers is a delete marker. It reads the tables' current snapshots
 * as any reader would, not the writer's memory of them: what it finds is what engines see. One key's row on request.
 */
final class LakeInventory {

    private static final JsonFactory JSON = new JsonFactory();

    private final Catalog catalog;
    private final LakeValues values;

    LakeInventory(Catalog catalog, LakeValues values) {
        this.catalog = catalog;
        this.values = values;
    }

    Optional<String> keyOf(LakeTable table, ChangeEvent change) {
        List<String> key = new ArrayList<>(table.keys().size());
        for (String column : table.keys()) {
            Object value = LakeTable.keyValue(change, column);
            if (value == null) {
                return Optional.empty();
            }
            Type type = table.exists() ? table.keyField(column).type() : table.settings.columns().get(column);
            key.add(String.valueOf(type == null ? value : values.convert(value, type)));
        }
        return Optional.of(table.settings.name() + ":" + String.join("/", key));
    }

    /** Each key of the table once: its row, or its delete marker when that is newer (or there is no row). */
    void scan(LakeTable table, Consumer<TargetKey> keys) {
        Map<String, Long> rows = positions(table, load(table.id));
        Map<String, Long> deletes = positions(table, load(table.markersId));
        rows.forEach((key, position) -> {
            Long deleted = deletes.get(key);
            if (deleted == null || position >= deleted) {
                keys.accept(new TargetKey(key, position, false, null));
            }
        });
        deletes.forEach((key, position) -> {
            Long row = rows.get(key);
            if (row == null || position > row) {
                keys.accept(new TargetKey(key, position, true, null));
            }
        });
    }

    /**
     * The newest row or delete marker under {@code TABLE:k1/k2}, filtered by the key as engines would be; the row
     * without the positions the writer keeps beside it.
     */
    Optional<TargetRow> read(LakeTable lake, String key) {
        String[] values = key.substring(lake.settings.name().length() + 1).split("/", -1);
        if (values.length != lake.keys().size()) {
            return Optional.empty();
        }
        Table table = load(lake.id);
        Record row = newest(lake, table, values, key);
        Record marker = newest(lake, load(lake.markersId), values, key);
        long rowPosition = row == null ? Long.MIN_VALUE : (Long) row.getField(LakeTable.POSITION);
        if (marker != null && (Long) marker.getField(LakeTable.POSITION) > rowPosition) {
            return Optional.of(new TargetRow(key, (Long) marker.getField(LakeTable.POSITION), true, null));
        }
        if (row == null) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Types.NestedField field : table.schema().columns()) {
            if (!field.name().equals(LakeTable.POSITION) && !field.name().equals(LakeTable.POSITION_TEXT)) {
                fields.put(field.name(), row.getField(field.name()));
            }
        }
        return Optional.of(new TargetRow(key, rowPosition, false, JsonDocument.json(fields, JSON)));
    }

    /** Pushes the key down where its text converts exactly (integers, strings); the rendered key decides. */
    private Record newest(LakeTable lake, Table table, String[] values, String key) {
        if (table == null) {
            return null;
        }
        Expression filter = Expressions.alwaysTrue();
        for (int i = 0; i < values.length; i++) {
            String column = lake.keys().get(i);
            Type type = table.schema().findType(column);
            Object literal = type == null ? null : switch (type.typeId()) {
                case INTEGER -> parse(values[i], Integer::valueOf);
                case LONG -> parse(values[i], Long::valueOf);
                case STRING -> values[i];
                default -> null;
            };
            if (literal != null) {
                filter = Expressions.and(filter, Expressions.equal(column, literal));
            }
        }
        Record newest = null;
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).where(filter).build()) {
            for (Record record : records) {
                if (key.equals(keyOf(lake, record)) && (newest == null
                        || (Long) record.getField(LakeTable.POSITION) > (Long) newest.getField(LakeTable.POSITION))) {
                    newest = record.copy();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return newest;
    }

    private static Object parse(String text, Function<String, Object> parser) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String keyOf(LakeTable lake, Record record) {
        List<String> key = new ArrayList<>(lake.keys().size());
        lake.keys().forEach(column -> key.add(String.valueOf(record.getField(column))));
        return lake.settings.name() + ":" + String.join("/", key);
    }

    private Table load(TableIdentifier id) {
        return catalog.tableExists(id) ? catalog.loadTable(id) : null;
    }

    private static Map<String, Long> positions(LakeTable lake, Table table) {
        Map<String, Long> positions = new HashMap<>();
        if (table == null) {
            return positions;
        }
        List<String> columns = new ArrayList<>(lake.keys());
        columns.add(LakeTable.POSITION);
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).select(columns).build()) {
            for (Record record : records) {
                positions.merge(keyOf(lake, record), (Long) record.getField(LakeTable.POSITION), Math::max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positions;
    }
}
