package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One lake table as the writer knows it: the Iceberg table of current rows, its table of delete markers, and what
 * the position guard reads, loaded from both once and kept up to date by the writer's own commits: each key's
 * position, the truncate barrier, the consumed offsets. When a commit of someone else appears (or a write failed
 * half-way) it is loaded again from the tables.
 */
final class LakeTable {

    static final String POSITION = "_cdc_position";
    static final String POSITION_TEXT = "_cdc_position_text";
    /** Table property: the position of the newest truncate; no older change is written again. */
    static final String BARRIER = "cdc.truncate-barrier";

    final LakeSettings.TableSettings settings;
    final TableIdentifier id;
    final TableIdentifier markersId;
    private final Catalog catalog;
    private final ObjectMapper json;

    Table table;
    Table markers;
    /** Key (values in key column order) to the position of the row the table holds for it. */
    final Map<List<Object>, Long> rows = new HashMap<>();
    /** Key to the position of its newest delete. */
    final Map<List<Object>, Long> deletes = new HashMap<>();
    /** The defaults the source declares for columns (ADD COLUMN … DEFAULT), as changes told them since the start. */
    final Map<String, Object> defaults = new HashMap<>();
    long barrier = -1;
    KafkaOffsets offsets = KafkaOffsets.none();
    long lastCommitNanos;
    private boolean loaded;
    private Long tableSnapshot;
    private Long markersSnapshot;

    LakeTable(LakeSettings.TableSettings settings, String namespace, Catalog catalog, ObjectMapper json) {
        this.settings = settings;
        this.id = TableIdentifier.of(namespace, settings.name());
        this.markersId = TableIdentifier.of(namespace + "_deletes", settings.name());
        this.catalog = catalog;
        this.json = json;
    }

    /** Loads the state the first time, and again when the tables moved on without this writer. */
    void refresh() {
        if (loaded) {
            if (table != null) {
                table.refresh();
            }
            if (markers != null) {
                markers.refresh();
            }
            if (table == null && catalog.tableExists(id) || markers == null && catalog.tableExists(markersId)
                    || !sameSnapshot(table, tableSnapshot) || !sameSnapshot(markers, markersSnapshot)) {
                loaded = false;
            }
        }
        if (!loaded) {
            load();
        }
    }

    boolean loaded() {
        return loaded;
    }

    /** Forgets the state: the next write loads it from the tables. */
    void invalidate() {
        loaded = false;
    }

    /** After a commit of this writer: what the tables now are. */
    void committed() {
        tableSnapshot = snapshotId(table);
        markersSnapshot = snapshotId(markers);
        lastCommitNanos = System.nanoTime();
    }

    /** After maintenance: the tables' new snapshots hold the same rows, nothing to load again. */
    void maintained() {
        tableSnapshot = snapshotId(table);
        markersSnapshot = snapshotId(markers);
    }

    List<String> keys() {
        return settings.keys();
    }

    /**
     * Creates the table, or adds the columns a batch brings: from declared types or the first non-null value. A
     * column added for a field whose default the source declares gets it in the rows stored before, in the same
     * commit ({@link DefaultBackfill}): {@code ADD COLUMN … DEFAULT x} gave them x at the source without a change.
     */
    void evolve(List<ChangeEvent> changes, LakeValues values) {
        Map<String, Type> wanted = new LinkedHashMap<>();
        for (ChangeEvent change : changes) {
            if (change.operation() != Operation.TRUNCATE) {
                change.defaults().forEach((column, value) -> {
                    if (value != null && !settings.exclude().contains(column)) {
                        defaults.put(column, value);
                        want(wanted, column, value);
                    }
                });
                change.key().forEach((column, value) -> want(wanted, column, value));
                Map<String, Object> row = change.row() == null ? Map.of() : change.row();
                row.forEach((column, value) -> {
                    if (!settings.exclude().contains(column) && !column.startsWith("_cdc_")) {
                        want(wanted, column, value);
                    }
                });
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        if (table == null) {
            table = create(id, wanted);
            return;
        }
        Set<String> missing = new HashSet<>(wanted.keySet());
        table.schema().columns().forEach(field -> missing.remove(field.name()));
        if (!missing.isEmpty()) {
            addColumns(wanted, missing, values);
        }
    }

    private void want(Map<String, Type> wanted, String column, Object value) {
        Type type = typeOf(column, value);
        if (type != null) {
            wanted.putIfAbsent(column, type);
        }
    }

    /** One commit: the new columns, and the stored rows with the defaults of those that have one. */
    private void addColumns(Map<String, Type> wanted, Set<String> missing, LakeValues values) {
        Transaction transaction = table.newTransaction();
        UpdateSchema update = transaction.updateSchema();
        Map<String, Object> backfill = new LinkedHashMap<>();
        wanted.forEach((column, type) -> {
            if (missing.contains(column)) {
                update.addColumn(column, type);
                if (defaults.containsKey(column)) {
                    backfill.put(column, values.convert(defaults.get(column), type));
                }
            }
        });
        update.commit();
        if (!backfill.isEmpty() && !rows.isEmpty()) {
            DefaultBackfill.apply(this, transaction, backfill);
        }
        transaction.commitTransaction();
        tableSnapshot = snapshotId(table);
    }

    /** The table of delete markers, created with the row table's key columns. */
    Table markers() {
        if (markers == null) {
            Map<String, Type> keyTypes = new LinkedHashMap<>();
            keys().forEach(key -> keyTypes.put(key, table.schema().findType(key)));
            markers = create(markersId, keyTypes);
        }
        return markers;
    }

    /** Whether the key columns' types are known (the row table exists). */
    boolean exists() {
        return table != null;
    }

    Types.NestedField keyField(String column) {
        return table.schema().findField(column);
    }

    private Type typeOf(String column, Object value) {
        Type declared = settings.columns().get(column);
        if (declared != null) {
            return declared;
        }
        return value == Unavailable.VALUE || Unavailable.PLACEHOLDER.equals(value) ? null : LakeValues.infer(value);
    }

    private Table create(TableIdentifier identifier, Map<String, Type> columns) {
        List<Types.NestedField> fields = new ArrayList<>();
        Set<Integer> identifiers = new HashSet<>();
        int fieldId = 1;
        for (String key : keys()) {
            Type type = columns.get(key);
            if (type == null) {
                throw new IllegalArgumentException("key column " + key + " has no value to take its type from; declare it in cdc.lake.tables."
                        + settings.name() + ".columns");
            }
            identifiers.add(fieldId);
            fields.add(Types.NestedField.required(fieldId++, key, type));
        }
        for (Map.Entry<String, Type> column : columns.entrySet()) {
            if (!keys().contains(column.getKey())) {
                fields.add(Types.NestedField.optional(fieldId++, column.getKey(), column.getValue()));
            }
        }
        fields.add(Types.NestedField.required(fieldId++, POSITION, Types.LongType.get()));
        fields.add(Types.NestedField.optional(fieldId, POSITION_TEXT, Types.StringType.get()));
        Map<String, String> properties = new HashMap<>();
        properties.put("format-version", "2");
        properties.put("write.format.default", "parquet");
        properties.put("write.delete.mode", "merge-on-read");
        properties.put("write.update.mode", "merge-on-read");
        properties.put("write.merge.mode", "merge-on-read");
        // A commit every few seconds writes a metadata file each time: keep the last ones, not all.
        properties.put("write.metadata.delete-after-commit.enabled", "true");
        properties.put("write.metadata.previous-versions-max", "20");
        if (identifier.equals(id) && barrier >= 0) {
            properties.put(BARRIER, Long.toString(barrier));
        }
        createNamespace(identifier.namespace());
        try {
            return catalog.buildTable(identifier, new Schema(fields, identifiers)).withPartitionSpec(PartitionSpec.unpartitioned())
                    .withProperties(properties).create();
        } catch (AlreadyExistsException e) {
            return catalog.loadTable(identifier); // created by another instance meanwhile; the next refresh reads it
        }
    }

    private void createNamespace(Namespace namespace) {
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                // created meanwhile
            }
        }
    }

    private void load() {
        rows.clear();
        deletes.clear();
        table = catalog.tableExists(id) ? catalog.loadTable(id) : null;
        markers = catalog.tableExists(markersId) ? catalog.loadTable(markersId) : null;
        long pendingBarrier = table == null ? barrier : -1; // a truncate before the table existed stays until it is created
        barrier = table == null ? pendingBarrier : Long.parseLong(table.properties().getOrDefault(BARRIER, "-1"));
        offsets = table == null ? KafkaOffsets.none() : KafkaOffsets.of(table, json);
        if (table != null) {
            positions(table, rows);
        }
        if (markers != null) {
            positions(markers, deletes);
        }
        tableSnapshot = snapshotId(table);
        markersSnapshot = snapshotId(markers);
        loaded = true;
    }

    private void positions(Table source, Map<List<Object>, Long> into) {
        List<String> columns = new ArrayList<>(keys());
        columns.add(POSITION);
        try (CloseableIterable<Record> records = IcebergGenerics.read(source).select(columns).build()) {
            for (Record record : records) {
                into.merge(keyOf(record), (Long) record.getField(POSITION), Math::max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key column's value in the change: from its key, else (a key column the key leaves out) from its row; null if neither has it. */
    static Object keyValue(ChangeEvent change, String column) {
        Object value = change.key().get(column);
        return value == null && change.row() != null ? change.row().get(column) : value;
    }

    List<Object> keyOf(Record record) {
        List<Object> key = new ArrayList<>(keys().size());
        keys().forEach(column -> key.add(record.getField(column)));
        return key;
    }

    private static boolean sameSnapshot(Table table, Long known) {
        return table == null || Objects.equals(snapshotId(table), known);
    }

    private static Long snapshotId(Table table) {
        Snapshot current = table == null ? null : table.currentSnapshot();
        return current == null ? null : current.snapshotId();
    }
}
