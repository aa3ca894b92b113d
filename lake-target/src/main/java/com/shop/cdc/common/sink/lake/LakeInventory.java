package com.shop.cdc.common.sink.lake;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.TargetKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;

/**
 * What the lake holds, for reconciliation: a row is named {@code TABLE:k1/k2} by its key values as Iceberg stores
 * them, a key whose newest entry is in the delete markers is a delete marker. It reads the tables' current snapshots
 * as any reader would, not the writer's memory of them: what it finds is what engines see.
 */
final class LakeInventory {

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
                List<String> key = new ArrayList<>(lake.keys().size());
                lake.keys().forEach(column -> key.add(String.valueOf(record.getField(column))));
                positions.merge(lake.settings.name() + ":" + String.join("/", key), (Long) record.getField(LakeTable.POSITION),
                        Math::max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positions;
    }
}
