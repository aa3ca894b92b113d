package com.shop.cdc.common.reconcile;

import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.service.ServiceName;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.Targets;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Compares every target that has an inventory with the latest state per key of the source topics.
 * The targets are listed first and the topics replayed afterwards up to their end offsets, so the
 * source is never behind what a target holds: on a quiet domain the result is exact, and under
 * load a key still in flight shows as missing or stale until the service has caught up.
 * One run at a time per service.
 */
@ApplicationScoped
@Startup
public class Reconciliation {

    private final ReconciliationSettings settings;
    private final List<TargetInventory> inventories;
    private final SourceReplay replay;
    private final ReconciliationMetrics metrics;
    private final ReconciliationReports reports;
    private final String service;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean running = new AtomicBoolean();

    public Reconciliation(ReconciliationConfig config, Targets targets, ChangePipeline pipeline,
                          @Identifier("default-kafka-broker") Map<String, Object> kafka, ReconciliationMetrics metrics,
                          ReconciliationReports reports, ServiceName service) {
        this.settings = ReconciliationSettings.from(config);
        this.inventories = targets.writers().stream().filter(TargetInventory.class::isInstance)
                .map(TargetInventory.class::cast).toList();
        this.replay = new SourceReplay(kafka, pipeline);
        this.metrics = metrics;
        this.reports = reports;
        this.service = service.value();
    }

    /** Thrown when a reconciliation is asked for while one runs. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("a reconciliation is already running");
        }
    }

    /** @throws com.shop.cdc.common.target.TargetUnavailableException when Kafka or a target cannot be read */
    public Stored run() {
        if (!running.compareAndSet(false, true)) {
            throw new AlreadyRunning();
        }
        try (KeySets keys = new KeySets(settings.workDir(), settings.memoryLimitMb())) {
            Instant started = clock.instant();
            for (TargetInventory inventory : inventories) {
                inventory.scan(key -> keys.targetKey(inventory.target(), key));
            }
            ReconciliationReport.Records records = replay.replay(settings.topics(), inventories, keys);
            List<String> names = inventories.stream().map(TargetInventory::target).toList();
            ReconciliationReport report = new ReconciliationReport(service, started, clock.instant(), settings.topics(),
                    records, keys.compare(names, settings.listedKeys()));
            metrics.record(report);
            return new Stored(reports.store(report).orElse(null), report);
        } catch (SQLException e) {
            throw new IllegalStateException("the reconciliation's DuckDB file in " + settings.workDir() + " failed", e);
        } finally {
            running.set(false);
        }
    }

    /** A report and the id it is stored under, null when it could not be stored. */
    public record Stored(Long id, ReconciliationReport report) {
    }
}
