package com.shop.cdc.common.sink.lake;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.target.WriteOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * One table's part of a write: each change judged by the position guard against what the table holds and what
 * the batch did before it, in the order given, leaving per key its final state (a row, or gone), the delete
 * markers to store, and the truncate barrier. Nothing is written here: {@link TableCommit} does that.
 */
final class TableBatch {

    /** A key's state after the batch: the row to hold, or null when the key is gone. */
    record Row(Record values, long position) {
    }

    private final LakeTable table;
    private final LakeValues values;
    /** Keys whose state the batch changed: their row, or null (deleted, truncated). */
    final Map<List<Object>, Row> touched = new LinkedHashMap<>();
    /** Keys deleted by the batch, with their delete's position and text. */
    final Map<List<Object>, Map.Entry<Long, String>> markers = new LinkedHashMap<>();
    final List<KafkaCoordinates> consumed = new ArrayList<>();
    long barrier;
    private Map<List<Object>, Record> stored = Map.of();

    TableBatch(LakeTable table, LakeValues values) {
        this.table = table;
        this.values = values;
        this.barrier = table.barrier;
    }

    boolean changesTable() {
        return !touched.isEmpty() || barrier != table.barrier;
    }

    /** Reads the stored rows the batch's placeholders need, in one scan. */
    void readStoredRows(List<ChangeEvent> changes) {
        Set<List<Object>> keys = new HashSet<>();
        for (ChangeEvent change : changes) {
            if (change.operation().isUpsert() && hasPlaceholder(change)) {
                try {
                    List<Object> key = keyOf(change);
                    if (table.rows.containsKey(key)) {
                        keys.add(key);
                    }
                } catch (IllegalArgumentException e) {
                    // rejected when its turn comes
                }
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Expression filter = Expressions.alwaysFalse();
        for (List<Object> key : keys) {
            Expression one = Expressions.alwaysTrue();
            for (int i = 0; i < table.keys().size(); i++) {
                one = Expressions.and(one, Expressions.equal(table.keys().get(i), key.get(i)));
            }
            filter = Expressions.or(filter, one);
        }
        stored = new HashMap<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table.table).where(filter).build()) {
            for (Record record : records) {
                List<Object> key = table.keyOf(record);
                if (keys.contains(key)) {
                    stored.put(key, record.copy());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Judges one change; its outcome. Every change but a rejected one counts as consumed by the commit. */
    WriteOutcome apply(ChangeEvent change) {
        WriteOutcome outcome = judge(change);
        if (!outcome.isRejected()) {
            consumed.add(change.origin());
        }
        return outcome;
    }

    private WriteOutcome judge(ChangeEvent change) {
        if (table.offsets.committed(change.origin())) {
            return WriteOutcome.STALE;
        }
        long position = change.position().value();
        if (position <= barrier) {
            return WriteOutcome.STALE;
        }
        if (change.operation() == Operation.TRUNCATE) {
            truncate(position);
            return WriteOutcome.WRITTEN;
        }
        List<Object> key;
        try {
            key = keyOf(change);
        } catch (IllegalArgumentException e) {
            return WriteOutcome.rejected("table " + table.settings.name() + ": " + e.getMessage());
        }
        Long rowPosition = rowPosition(key);
        Long deletePosition = deletePosition(key);
        if (change.operation() == Operation.DELETE) {
            return delete(key, rowPosition, deletePosition, change);
        }
        if (rowPosition != null && rowPosition >= position || deletePosition != null && deletePosition >= position) {
            return WriteOutcome.STALE;
        }
        try {
            touched.put(key, new Row(row(change, key), position));
            return WriteOutcome.WRITTEN;
        } catch (IllegalArgumentException e) {
            return WriteOutcome.rejected("table " + table.settings.name() + ": " + e.getMessage());
        }
    }

    /**
     * A delete older than the row held, or (no row) than the key's last delete, is stale. Otherwise the row goes and
     * the key's marker keeps the position, so that no older change brings the row back.
     */
    private WriteOutcome delete(List<Object> key, Long rowPosition, Long deletePosition, ChangeEvent change) {
        long position = change.position().value();
        if (rowPosition != null ? rowPosition >= position : deletePosition != null && deletePosition >= position) {
            return WriteOutcome.STALE;
        }
        if (rowPosition != null) {
            touched.put(key, null);
        }
        markers.put(key, Map.entry(Math.max(position, deletePosition == null ? -1 : deletePosition), change.position().text()));
        return WriteOutcome.WRITTEN;
    }

    private void truncate(long position) {
        barrier = position;
        List<List<Object>> keys = new ArrayList<>(table.rows.keySet());
        keys.addAll(touched.keySet());
        for (List<Object> key : keys) {
            Long rowPosition = rowPosition(key);
            if (rowPosition != null && rowPosition < position) {
                touched.put(key, null);
            }
        }
    }

    private Long rowPosition(List<Object> key) {
        if (touched.containsKey(key)) {
            Row row = touched.get(key);
            return row == null ? null : row.position();
        }
        return table.rows.get(key);
    }

    private Long deletePosition(List<Object> key) {
        Map.Entry<Long, String> marker = markers.get(key);
        return marker != null ? marker.getKey() : table.deletes.get(key);
    }

    /** The change's key as the table's key columns hold it. */
    List<Object> keyOf(ChangeEvent change) {
        List<Object> key = new ArrayList<>(table.keys().size());
        for (String column : table.keys()) {
            Object value = LakeTable.keyValue(change, column);
            if (value == null) {
                throw new IllegalArgumentException("key column " + column + " has no value (cdc.lake.tables."
                        + table.settings.name() + ".keys)");
            }
            key.add(values.convert(value, table.keyField(column).type()));
        }
        return key;
    }

    /** The new row: each column from the change; a placeholder keeps the value held before (in the batch or the table). */
    private Record row(ChangeEvent change, List<Object> key) {
        Record record = GenericRecord.create(table.table.schema());
        Record previous = previousRow(key);
        for (Types.NestedField field : table.table.schema().columns()) {
            String column = field.name();
            Object value = change.after().get(column);
            if (value == null && !change.after().containsKey(column) && table.defaults.containsKey(column)) {
                value = table.defaults.get(column); // a change older than the column: the source's row has its default
            }
            if (column.equals(LakeTable.POSITION)) {
                value = change.position().value();
            } else if (column.equals(LakeTable.POSITION_TEXT)) {
                value = change.position().text();
            } else if (table.keys().contains(column)) {
                value = key.get(table.keys().indexOf(column));
            } else if (table.settings.exclude().contains(column)) {
                value = null;
            } else if (value == Unavailable.VALUE || Unavailable.PLACEHOLDER.equals(value)) {
                value = previous == null ? null : previous.getField(column);
            } else {
                try {
                    value = values.convert(value, field.type());
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new IllegalArgumentException("column " + column + ": " + e.getMessage() + " (cdc.lake.tables."
                            + table.settings.name() + ".columns." + column + ")");
                }
            }
            record.setField(column, value);
        }
        return record;
    }

    private Record previousRow(List<Object> key) {
        if (touched.containsKey(key)) {
            Row row = touched.get(key);
            return row == null ? null : row.values();
        }
        return stored.get(key);
    }

    private static boolean hasPlaceholder(ChangeEvent change) {
        for (Object value : change.after().values()) {
            if (value == Unavailable.VALUE || Unavailable.PLACEHOLDER.equals(value)) {
                return true;
            }
        }
        return false;
    }

    Table rowTable() {
        return table.table;
    }
}
