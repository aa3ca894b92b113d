package com.shop.cdc.common.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The rows stored before a column was added, given the source's declared default for it: every row of the table
 * rewritten (equality deletes of all keys, the rows again with the default) inside the transaction that adds the
 * column, so that no reader and no restart sees the column without them. Rare (a schema change) and whole-table.
 */
final class DefaultBackfill {

    private DefaultBackfill() {
    }

    /** @param backfill each added column's default, as its column holds it */
    static void apply(LakeTable lake, Transaction transaction, Map<String, Object> backfill) {
        Table before = lake.table;
        Table pending = transaction.table();
        Schema schema = pending.schema();
        Schema keys = TableCommit.keySchema(pending, lake);
        List<Record> rows = new ArrayList<>();
        List<Record> deleted = new ArrayList<>();
        try (CloseableIterable<Record> stored = IcebergGenerics.read(before).build()) {
            for (Record row : stored) {
                Record with = GenericRecord.create(schema);
                Record key = GenericRecord.create(keys);
                schema.columns().forEach(field -> with.setField(field.name(),
                        backfill.containsKey(field.name()) ? backfill.get(field.name()) : fieldOf(row, field.name())));
                keys.columns().forEach(field -> key.setField(field.name(), row.getField(field.name())));
                rows.add(with);
                deleted.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            return;
        }
        TableCommit.Files files = new TableCommit.Files(pending, lake);
        transaction.newRowDelta().addDeletes(files.deletes(deleted)).addRows(files.data(rows)).commit();
    }

    private static Object fieldOf(Record row, String name) {
        return row.struct().field(name) == null ? null : row.getField(name);
    }
}
