package com.shop.cdc.lake;

import com.shop.cdc.common.sink.lake.LakeChangeWriter;
import com.shop.cdc.common.sink.lake.MaintenanceSettings;
import com.shop.cdc.common.sink.lake.TableMaintenance;
import com.shop.cdc.common.target.TargetUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Maintains the lake's tables every {@code cdc.lake.maintenance.every} (docs/lake.md, "Maintenance"). A run that
 * finds the store or catalog down is logged and left to the next: the writes pause on their own.
 */
@ApplicationScoped
public class LakeMaintenanceJob {

    private static final Logger LOG = Logger.getLogger(LakeMaintenanceJob.class);

    private final LakeChangeWriter writer;
    private final MaintenanceSettings settings;
    private final MeterRegistry metrics;

    LakeMaintenanceJob(LakeChangeWriter writer, MaintenanceSettings settings, MeterRegistry metrics) {
        this.writer = writer;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Scheduled(identity = "lake-maintenance", every = "${cdc.lake.maintenance.every}", delayed = "${cdc.lake.maintenance.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            for (TableMaintenance.Result result : writer.maintain(settings)) {
                record(result);
            }
        } catch (TargetUnavailableException e) {
            metrics.counter("cdc.lake.maintenance.failures").increment();
            LOG.warnf("lake maintenance: the lake did not answer (%s); the next run tries again",
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    private void record(TableMaintenance.Result result) {
        String table = result.table();
        metrics.counter("cdc.lake.maintenance.files.compacted", "table", table)
                .increment(result.compaction().dataFiles() + result.compaction().deleteFiles());
        metrics.counter("cdc.lake.maintenance.files.written", "table", table).increment(result.compaction().writtenFiles());
        metrics.counter("cdc.lake.maintenance.snapshots.expired", "table", table).increment(result.expired());
        metrics.counter("cdc.lake.maintenance.orphans.deleted", "table", table).increment(result.orphans());
        metrics.timer("cdc.lake.maintenance.duration", "table", table).record(Duration.ofMillis(result.millis()));
        if (result.compaction().dataFiles() > 0 || result.expired() > 0 || result.orphans() > 0) {
            LOG.infof("lake maintenance %s", result);
        }
    }
}
