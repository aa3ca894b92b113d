package com.shop.cdc.common.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Maintains one Iceberg table with Iceberg's core API alone, while nothing else commits to it (the writer's lock):
 * compaction (every live row rewritten into data files of the target size, the equality deletes applied and
 * dropped), snapshot expiry (with the files only expired snapshots reached) and orphan cleanup (files of failed
 * commits). The compaction's snapshot carries the summary it is given (the consumed Kafka offsets), so the newest
 * snapshot always tells a restarted writer where it stands.
 */
public final class TableMaintenance {

    /**
     * A compaction: data and equality delete files replaced by data files holding the live rows.
     *
     * @param dataFiles    data files replaced (0: not compacted)
     * @param deleteFiles  equality delete files applied and dropped
     * @param writtenFiles data files written in their place
     * @param rows         live rows rewritten
     */
    public record Compaction(int dataFiles, int deleteFiles, int writtenFiles, long rows) {

        static final Compaction NONE = new Compaction(0, 0, 0, 0);
    }

    /** What one run did to one table: its compaction, snapshots expired, orphan files deleted, and how long it took. */
    public record Result(String table, Compaction compaction, int expired, int orphans, long millis) {

        @Override
        public String toString() {
            return table + ": " + (compaction.dataFiles() == 0 ? "not compacted" : "compacted " + compaction.dataFiles() + " data and "
                    + compaction.deleteFiles() + " delete files into " + compaction.writtenFiles() + " (" + compaction.rows() + " rows)")
                    + ", " + expired + " snapshots expired, " + orphans + " orphan files deleted, " + millis + " ms";
        }
    }

    private final MaintenanceSettings settings;
    /** What "old" is measured against: the tests move it forward rather than wait. */
    private final Clock clock;

    TableMaintenance(MaintenanceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Result run(Table table, Map<String, String> summary) {
        long started = clock.millis();
        Compaction compaction = compact(table, summary);
        int snapshots = size(table.snapshots());
        table.expireSnapshots().expireOlderThan(started - settings.snapshotAge().toMillis())
                .retainLast(settings.retainSnapshots()).commit();
        int expired = snapshots - size(table.snapshots());
        int orphans = deleteOrphans(table, started - settings.orphanAge().toMillis());
        return new Result(table.name(), compaction, expired, orphans, clock.millis() - started);
    }

    /** Nothing while the table has fewer data and delete files than min-files. */
    private Compaction compact(Table table, Map<String, String> summary) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Compaction.NONE;
        }
        List<DataFile> data = new ArrayList<>();
        List<DeleteFile> deletes = new ArrayList<>();
        FileIO io = table.io();
        try {
            for (ManifestFile manifest : current.dataManifests(io)) {
                try (ManifestReader<DataFile> files = ManifestFiles.read(manifest, io, table.specs())) {
                    files.forEach(file -> data.add(file.copyWithoutStats()));
                }
            }
            for (ManifestFile manifest : current.deleteManifests(io)) {
                try (ManifestReader<DeleteFile> files = ManifestFiles.readDeleteManifest(manifest, io, table.specs())) {
                    files.forEach(file -> deletes.add(file.copyWithoutStats()));
                }
            }
            if (data.size() + deletes.size() < settings.minFiles()) {
                return Compaction.NONE;
            }
            RollingDataWriter<Record> writer = new RollingDataWriter<>(
                    new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build(),
                    OutputFileFactory.builderFor(table, 1, System.currentTimeMillis()).format(FileFormat.PARQUET).build(),
                    io, settings.targetFileSize(), table.spec(), null);
            long rows = 0;
            try (writer; CloseableIterable<Record> live = IcebergGenerics.read(table).useSnapshot(current.snapshotId()).build()) {
                for (Record row : live) {
                    writer.write(row);
                    rows++;
                }
            }
            List<DataFile> written = writer.result().dataFiles();
            RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(current.snapshotId());
            data.forEach(rewrite::deleteFile);
            deletes.forEach(rewrite::deleteFile);
            written.forEach(rewrite::addFile);
            summary.forEach(rewrite::set);
            rewrite.commit();
            return new Compaction(data.size(), deletes.size(), written.size(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the files under the table's location that no snapshot or metadata reaches and that are old enough. */
    private static int deleteOrphans(Table table, long olderThanMillis) {
        if (!(table.io() instanceof SupportsPrefixOperations store)) {
            return 0;
        }
        Set<String> reachable = reachable(table);
        int deleted = 0;
        for (FileInfo file : store.listPrefix(table.location() + "/")) {
            if (file.createdAtMillis() < olderThanMillis && !reachable.contains(file.location())) {
                store.deleteFile(file.location());
                deleted++;
            }
        }
        return deleted;
    }

    private static Set<String> reachable(Table table) {
        Set<String> reachable = new HashSet<>(ReachableFileUtil.metadataFileLocations(table, true));
        reachable.add(table.location() + "/metadata/version-hint.text");
        reachable.addAll(ReachableFileUtil.manifestListLocations(table));
        reachable.addAll(ReachableFileUtil.statisticsFilesLocations(table));
        Set<String> manifests = new HashSet<>();
        try {
            for (Snapshot snapshot : table.snapshots()) {
                for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                    if (manifests.add(manifest.path())) {
                        try (ManifestReader<? extends ContentFile<?>> files = manifest.content() == ManifestContent.DATA
                                ? ManifestFiles.read(manifest, table.io(), table.specs())
                                : ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
                            files.forEach(file -> reachable.add(file.location()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reachable.addAll(manifests);
        return reachable;
    }

    private static int size(Iterable<?> items) {
        int size = 0;
        for (Object ignored : items) {
            size++;
        }
        return size;
    }
}
