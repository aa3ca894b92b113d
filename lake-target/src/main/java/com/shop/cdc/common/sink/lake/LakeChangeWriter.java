package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.io.FileIO;
import org.jboss.logging.Logger;

/**
 * Keeps one Apache Iceberg v2 table per source table equal to the source's current state (docs/lake.md): each
 * write judges its changes by the position guard ({@link TableBatch}) and commits each table once
 * ({@link TableCommit}), with the consumed Kafka offsets in the snapshot summary. A write waits until the
 * table's previous commit is {@code commit-interval} old, so that the batches queued meanwhile go out together.
 * An unreachable store or catalog makes the target unavailable: nothing of the write is acknowledged.
 */
public final class LakeChangeWriter implements ChangeWriter, TargetInventory, Closeable {

    private static final Logger LOG = Logger.getLogger(LakeChangeWriter.class);

    private final LakeSettings settings;
    private final Catalog catalog;
    private final FileIO probeIo;
    private final ObjectMapper json;
    private final LakeValues values;
    private final TableCommit commits;
    private final LakeInventory inventory;
    private final TableRoutes<LakeTable> routes;
    private final List<LakeTable> tables = new ArrayList<>();

    public LakeChangeWriter(LakeSettings settings, ObjectMapper json) {
        this(settings, json, stats -> {
        });
    }

    /**
     * @param commits told of every commit of changed rows, for metrics
     * @throws IllegalStateException naming {@code cdc.lake.catalog.uri} when the catalog cannot be reached
     */
    public LakeChangeWriter(LakeSettings settings, ObjectMapper json, Consumer<CommitStats> commits) {
        this.settings = settings;
        this.json = json;
        this.values = new LakeValues(json);
        this.commits = new TableCommit(json, commits);
        String uri = settings.catalog().get("uri");
        try {
            this.catalog = CatalogUtil.buildIcebergCatalog(settings.catalogName(), settings.catalog(), null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cdc.lake.catalog.uri: the " + settings.catalog().get("type") + " catalog at " + uri
                    + " cannot be used: " + e.getMessage(), e);
        }
        this.inventory = new LakeInventory(catalog, values);
        this.probeIo = CatalogUtil.loadFileIO(settings.catalog().get("io-impl"), settings.catalog(), null);
        Map<String, LakeTable> bySource = new LinkedHashMap<>();
        for (LakeSettings.TableSettings table : settings.tables()) {
            LakeTable lake = new LakeTable(table, settings.namespace(), catalog, json);
            tables.add(lake);
            bySource.put(table.source(), lake);
        }
        this.routes = new TableRoutes<>(bySource, "cdc.lake.tables.<TABLE>.source");
    }

    @Override
    public String target() {
        return "lake";
    }

    @Override
    public Optional<TargetRow> read(String key) {
        Optional<LakeTable> table = tables.stream().filter(lake -> key.startsWith(lake.settings.name() + ":")).findFirst();
        try {
            return table.flatMap(lake -> {
                probeStore();
                return inventory.read(lake, key);
            });
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(target(), e);
        }
    }

    @Override
    public TableRoutes<LakeTable> routes() {
        return routes;
    }

    @Override
    public Optional<String> keyOf(ChangeEvent change) {
        return routes.find(change.table()).flatMap(table -> inventory.keyOf(table, change));
    }

    /** Rows are projected (personal fields left out) and retyped: their positions are compared, not contents. */
    @Override
    public String digestOf(ChangeEvent change) {
        return null;
    }

    /** Reads each table's current snapshot, as engines do: a store or catalog that does not answer is unavailable. */
    @Override
    public void scan(Consumer<TargetKey> keys) {
        for (LakeTable table : tables) {
            try {
                probeStore();
                inventory.scan(table, keys);
            } catch (RuntimeException e) {
                throw new TargetUnavailableException(target(), e);
            }
        }
    }

    @Override
    public synchronized List<WriteOutcome> write(List<ChangeEvent> changes) {
        List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
        Map<LakeTable, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            outcomes.add(WriteOutcome.IGNORED);
            int index = i;
            routes.find(changes.get(i).table()).ifPresent(table -> byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(index));
        }
        awaitCommitInterval(byTable.keySet());
        for (Map.Entry<LakeTable, List<Integer>> table : byTable.entrySet()) {
            List<ChangeEvent> own = new ArrayList<>(table.getValue().size());
            table.getValue().forEach(index -> own.add(changes.get(index)));
            List<WriteOutcome> written = writeTable(table.getKey(), own);
            for (int i = 0; i < written.size(); i++) {
                outcomes.set(table.getValue().get(i), written.get(i));
            }
        }
        return outcomes;
    }

    /**
     * The catalog answers (a listing, which reads no table metadata) and the store answers (a HEAD of an object that
     * need not exist). Loading a table's metadata retries for a minute and more while the store is down, so the
     * store is asked first, on its own.
     */
    @Override
    public void probe() {
        try {
            probeStore();
            if (catalog instanceof SupportsNamespaces namespaces) {
                namespaces.namespaceExists(Namespace.of(settings.namespace()));
            } else {
                catalog.listTables(Namespace.of(settings.namespace()));
            }
        } catch (NoSuchNamespaceException e) {
            // answered: nothing written yet
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(target(), e);
        }
    }

    private void probeStore() {
        probeIo.newInputFile(settings.catalog().get("warehouse") + "/.probe").exists();
    }

    /** Loads each table's state (positions, barrier, offsets), so that the first write does not wait for it. */
    @Override
    public synchronized void prepare() {
        for (LakeTable table : tables) {
            try {
                probeStore();
                table.refresh();
            } catch (RuntimeException e) {
                table.invalidate();
                throw new TargetUnavailableException(target(), e);
            }
        }
    }

    /**
     * Maintains each table and its delete markers ({@link TableMaintenance}), between writes: a write waits while it
     * runs. The row table's compaction carries the consumed offsets, as the writer's own commits do.
     *
     * @throws TargetUnavailableException when the store or catalog does not answer; the next run tries again
     */
    public List<TableMaintenance.Result> maintain(MaintenanceSettings maintenance) {
        return maintain(maintenance, Clock.systemUTC());
    }

    synchronized List<TableMaintenance.Result> maintain(MaintenanceSettings maintenance, Clock clock) {
        TableMaintenance tasks = new TableMaintenance(maintenance, clock);
        List<TableMaintenance.Result> results = new ArrayList<>();
        for (LakeTable table : tables) {
            try {
                probeStore();
                table.refresh();
                if (table.table != null) {
                    results.add(tasks.run(table.table, table.offsets.isEmpty() ? Map.of()
                            : Map.of(KafkaOffsets.SUMMARY, table.offsets.toJson(json))));
                }
                if (table.markers != null) {
                    results.add(tasks.run(table.markers, Map.of()));
                }
                table.maintained();
            } catch (RuntimeException e) {
                table.invalidate();
                throw new TargetUnavailableException(target(), e);
            }
        }
        return results;
    }

    @Override
    public void close() throws IOException {
        probeIo.close();
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }

    private List<WriteOutcome> writeTable(LakeTable table, List<ChangeEvent> changes) {
        try {
            if (!table.loaded()) {
                probeStore();
            }
            table.refresh();
            List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
            List<ChangeEvent> keyed = new ArrayList<>();
            for (ChangeEvent change : changes) {
                if (!table.offsets.committed(change.origin())) {
                    keyed.add(change);
                }
            }
            try {
                table.evolve(keyed, values);
            } catch (IllegalArgumentException e) { // a key column whose type nothing tells: every change of the batch
                changes.forEach(change -> outcomes.add(WriteOutcome.rejected("table " + table.settings.name() + ": " + e.getMessage())));
                return outcomes;
            }
            TableBatch batch = new TableBatch(table, values);
            if (table.exists()) {
                batch.readStoredRows(keyed);
            }
            changes.forEach(change -> outcomes.add(batch.apply(change)));
            commits.commit(table, batch);
            return outcomes;
        } catch (RuntimeException e) {
            table.invalidate();
            LOG.debugf(e, "lake table %s could not be written", table.settings.name());
            throw new TargetUnavailableException(target(), e);
        }
    }

    private void awaitCommitInterval(Iterable<LakeTable> writing) {
        long interval = settings.commitInterval().toNanos();
        long wait = 0;
        for (LakeTable table : writing) {
            if (table.lastCommitNanos != 0) {
                wait = Math.max(wait, table.lastCommitNanos + interval - System.nanoTime());
            }
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetUnavailableException(target(), e);
            }
        }
    }
}
