package com.shop.cdc.common.reconcile;

import com.shop.cdc.common.reconcile.ReconciliationReport.Kind;
import com.shop.cdc.common.reconcile.ReconciliationReport.TargetReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last reconciliation as gauges: {@code cdc_reconciliation_keys{target, kind}} (missing, extra,
 * stale, different), {@code cdc_reconciliation_checksum_match{target}} (1 or 0),
 * {@code cdc_reconciliation_source_keys{target}} and {@code cdc_reconciliation_target_keys{target}} (live
 * keys: missing over source keys is the missing rate) and {@code cdc_reconciliation_last_run_seconds}
 * (when it finished, epoch seconds). Absent until a first run.
 */
@ApplicationScoped
public class ReconciliationMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public ReconciliationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(ReconciliationReport report) {
        for (TargetReport target : report.targets()) {
            gauge("cdc.reconciliation.keys", target.target(), Kind.MISSING).set(target.missing());
            gauge("cdc.reconciliation.keys", target.target(), Kind.EXTRA).set(target.extra());
            gauge("cdc.reconciliation.keys", target.target(), Kind.STALE).set(target.stale());
            gauge("cdc.reconciliation.keys", target.target(), Kind.DIFFERENT).set(target.different());
            gauge("cdc.reconciliation.checksum.match", target.target(), null).set(target.checksumMatch() ? 1 : 0);
            gauge("cdc.reconciliation.source.keys", target.target(), null).set(target.sourceKeys());
            gauge("cdc.reconciliation.target.keys", target.target(), null).set(target.targetKeys());
        }
        gauge("cdc.reconciliation.last.run.seconds", null, null).set(report.finishedAt().getEpochSecond());
    }

    private AtomicLong gauge(String name, String target, Kind kind) {
        String id = name + "|" + target + "|" + kind;
        return values.computeIfAbsent(id, ignored -> {
            AtomicLong value = new AtomicLong();
            Gauge.Builder<AtomicLong> gauge = Gauge.builder(name, value, AtomicLong::get);
            if (target != null) {
                gauge.tag("target", target);
            }
            if (kind != null) {
                gauge.tag("kind", kind.name().toLowerCase(Locale.ROOT));
            }
            gauge.register(registry);
            return value;
        });
    }
}
