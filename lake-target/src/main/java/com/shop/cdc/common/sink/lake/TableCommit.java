package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.jboss.logging.Logger;

/**
 * Writes what a {@link TableBatch} decided, merge-on-read: per table one RowDelta of an equality delete file (every
 * key the batch changed that the table holds) and a data file (the keys' new rows). Rows added by a commit survive
 * its own equality deletes (they apply to older data files only), so one RowDelta is an upsert. The delete markers
 * are committed first, to their own table: a crash between the two commits leaves markers whose deletes the
 * replay finds still to do, never rows that a lost marker would let an older change bring back.
 */
final class TableCommit {

    private static final Logger LOG = Logger.getLogger(TableCommit.class);

    private final ObjectMapper json;
    private final Consumer<CommitStats> listener;

    TableCommit(ObjectMapper json, Consumer<CommitStats> listener) {
        this.json = json;
        this.listener = listener;
    }

    /** Commits the batch, if it changed anything: a batch of stale changes only commits nothing. */
    void commit(LakeTable lake, TableBatch batch) {
        boolean committing = !batch.markers.isEmpty() || batch.changesTable() && lake.table != null;
        if (committing) {
            // The moment a crash test aims at (dev/e2e-test kills the service on this line).
            LOG.debugf("lake commit starts: %s, %d keys touched, %d delete markers", lake.settings.name(),
                    batch.touched.size(), batch.markers.size());
        }
        if (!batch.markers.isEmpty()) {
            commitMarkers(lake, batch.markers);
        }
        if (batch.changesTable() && lake.table == null) {
            lake.barrier = batch.barrier; // a truncate of a table not created yet: kept for its creation
        } else if (batch.changesTable()) {
            commitRows(lake, batch);
        }
        if (committing) {
            lake.committed();
        }
        batch.markers.forEach((key, marker) -> lake.deletes.merge(key, marker.getKey(), Math::max));
    }

    private void commitMarkers(LakeTable lake, Map<List<Object>, Map.Entry<Long, String>> markers) {
        Table table = lake.markers();
        Schema schema = table.schema();
        List<Record> keys = new ArrayList<>();
        List<Record> rows = new ArrayList<>();
        markers.forEach((key, marker) -> {
            Record row = GenericRecord.create(schema);
            Record keyOnly = GenericRecord.create(keySchema(table, lake));
            for (int i = 0; i < key.size(); i++) {
                row.setField(lake.keys().get(i), key.get(i));
                keyOnly.setField(lake.keys().get(i), key.get(i));
            }
            row.setField(LakeTable.POSITION, marker.getKey());
            row.setField(LakeTable.POSITION_TEXT, marker.getValue());
            keys.add(keyOnly);
            rows.add(row);
        });
        Files files = new Files(table, lake);
        RowDelta delta = table.newRowDelta();
        if (table.currentSnapshot() != null) {
            delta.addDeletes(files.deletes(keys));
        }
        delta.addRows(files.data(rows)).commit();
    }

    private void commitRows(LakeTable lake, TableBatch batch) {
        long started = System.nanoTime();
        Table table = lake.table;
        List<Record> deleted = new ArrayList<>();
        List<Record> rows = new ArrayList<>();
        Schema keySchema = keySchema(table, lake);
        batch.touched.forEach((key, row) -> {
            if (lake.rows.containsKey(key)) {
                Record keyOnly = GenericRecord.create(keySchema);
                for (int i = 0; i < key.size(); i++) {
                    keyOnly.setField(lake.keys().get(i), key.get(i));
                }
                deleted.add(keyOnly);
            }
            if (row != null) {
                rows.add(row.values());
            }
        });
        Files files = new Files(table, lake);
        Transaction transaction = table.newTransaction();
        RowDelta delta = transaction.newRowDelta()
                .set(KafkaOffsets.SUMMARY, lake.offsets.with(batch.consumed).toJson(json));
        if (table.currentSnapshot() != null) {
            // Another writer's commit since the state was read would make the guard's view wrong: fail and reload.
            delta.validateFromSnapshot(table.currentSnapshot().snapshotId())
                    .conflictDetectionFilter(Expressions.alwaysTrue())
                    .validateNoConflictingDataFiles()
                    .validateNoConflictingDeleteFiles();
        }
        List<ContentFile<?>> written = new ArrayList<>(2);
        if (!deleted.isEmpty()) {
            DeleteFile deletes = files.deletes(deleted);
            delta.addDeletes(deletes);
            written.add(deletes);
        }
        if (!rows.isEmpty()) {
            DataFile data = files.data(rows);
            delta.addRows(data);
            written.add(data);
        }
        delta.commit();
        if (batch.barrier != lake.barrier) {
            transaction.updateProperties().set(LakeTable.BARRIER, Long.toString(batch.barrier)).commit();
        }
        transaction.commitTransaction();
        lake.offsets = lake.offsets.with(batch.consumed);
        lake.barrier = batch.barrier;
        batch.touched.forEach((key, row) -> {
            if (row == null) {
                lake.rows.remove(key);
            } else {
                lake.rows.put(key, row.position());
            }
        });
        listener.accept(new CommitStats(table.name(), Duration.ofNanos(System.nanoTime() - started), written.size(),
                written.stream().mapToLong(ContentFile::fileSizeInBytes).sum(), rows.size(), deleted.size()));
    }

    static Schema keySchema(Table table, LakeTable lake) {
        return table.schema().select(lake.keys());
    }

    /** Parquet data and equality delete files of one table, under its data folder. */
    static final class Files {

        private final Table table;
        private final GenericFileWriterFactory factory;
        private final OutputFileFactory names;

        Files(Table table, LakeTable lake) {
            this.table = table;
            Schema keys = keySchema(table, lake);
            int[] keyIds = keys.columns().stream().mapToInt(field -> field.fieldId()).toArray();
            this.factory = new GenericFileWriterFactory.Builder(table)
                    .dataFileFormat(FileFormat.PARQUET)
                    .deleteFileFormat(FileFormat.PARQUET)
                    .equalityFieldIds(keyIds)
                    .equalityDeleteRowSchema(keys)
                    .build();
            this.names = OutputFileFactory.builderFor(table, 1, System.currentTimeMillis()).format(FileFormat.PARQUET).build();
        }

        DataFile data(List<Record> rows) {
            DataWriter<Record> writer = factory.newDataWriter(names.newOutputFile(), table.spec(), null);
            try (writer) {
                rows.forEach(writer::write);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return writer.toDataFile();
        }

        DeleteFile deletes(List<Record> keys) {
            EqualityDeleteWriter<Record> writer = factory.newEqualityDeleteWriter(names.newOutputFile(), table.spec(), null);
            try (writer) {
                keys.forEach(writer::write);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return writer.toDeleteFile();
        }
    }
}
