package com.shop.cdc.common.sink.lake;

import java.time.Duration;

/**
 * How the lake's tables are maintained (docs/lake.md, "Maintenance"), checked: a bad value fails the start-up
 * naming its property.
 *
 * @param minFiles        a table is compacted once it has this many data and delete files, deletes among them
 * @param targetFileSize  the size compaction aims each data file at, in bytes
 * @param snapshotAge     snapshots older than this expire (their files go, unless a newer snapshot has them)
 * @param retainSnapshots the newest snapshots kept whatever their age
 * @param orphanAge       files no snapshot reaches are deleted once this old: younger ones may be a commit under way
 */
public record MaintenanceSettings(int minFiles, long targetFileSize, Duration snapshotAge, int retainSnapshots,
                                  Duration orphanAge) {

    public MaintenanceSettings {
        require(minFiles >= 2, "cdc.lake.maintenance.min-files must be 2 or more, not " + minFiles);
        require(targetFileSize >= 1 << 20, "cdc.lake.maintenance.target-file-size must be 1 MiB or more, not " + targetFileSize);
        require(retainSnapshots >= 1, "cdc.lake.maintenance.retain-snapshots must be 1 or more, not " + retainSnapshots);
        require(!snapshotAge.isNegative(), "cdc.lake.maintenance.snapshot-age must not be negative: " + snapshotAge);
        require(orphanAge.compareTo(Duration.ofMinutes(10)) >= 0,
                "cdc.lake.maintenance.orphan-age must be 10 minutes or more (a younger file may belong to a commit under way), not "
                        + orphanAge);
    }

    /** @throws IllegalArgumentException naming the property at fault */
    public static MaintenanceSettings from(LakeConfig.Maintenance config) {
        return new MaintenanceSettings(config.minFiles(), config.targetFileSize(), config.snapshotAge(), config.retainSnapshots(),
                config.orphanAge());
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
