package com.shop.cdc.common.reconcile;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reconciliation that runs itself: every {@code cdc.reconciliation.every}, once per service whatever
 * its replicas (the instance that claims the run in the ledger database runs it). Every instance
 * also sets its gauges from the service's latest stored report, so they survive a restart and say
 * the same on every pod, whichever ran it.
 */
@ApplicationScoped
public class ReconciliationSchedule {

    private static final Logger LOG = Logger.getLogger(ReconciliationSchedule.class);
    /** How often the stored report is read back and a due run claimed. */
    private static final Duration TICK = Duration.ofMinutes(1);

    private final Reconciliation reconciliation;
    private final ReconciliationReports reports;
    private final ReconciliationMetrics metrics;
    private final Optional<Duration> every;
    private final String instance = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local");
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cdc-reconciliation-schedule");
        thread.setDaemon(true);
        return thread;
    });

    public ReconciliationSchedule(Reconciliation reconciliation, ReconciliationReports reports,
                                  ReconciliationMetrics metrics, ReconciliationConfig config) {
        this.every = config.every();
        every.filter(interval -> interval.toSeconds() < 1).ifPresent(interval -> {
            throw new IllegalArgumentException("cdc.reconciliation.every must be at least one second, not " + interval);
        });
        this.reconciliation = reconciliation;
        this.reports = reports;
        this.metrics = metrics;
    }

    /** {@code cdc.reconciliation.every}: empty when the service does not run itself. */
    public Optional<Duration> every() {
        return every;
    }

    void start(@Observes StartupEvent started) {
        long period = every.map(interval -> Math.min(interval.toMillis(), TICK.toMillis())).orElse(TICK.toMillis());
        ticks.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        ticks.shutdownNow();
    }

    void tick() {
        try {
            if (every.isPresent() && reports.claim(every.get(), instance)) {
                runClaimed();
            }
            reports.latestReport().ifPresent(metrics::record);
        } catch (RuntimeException e) {
            // the ledger is down: the gauges keep their values, and the overdue alert tells if it lasts
            LOG.warnf("reconciliation schedule: the ledger database could not be read: %s", e.getMessage());
        }
    }

    /** A run that fails gives its claim back, so that the next tick (of any instance) tries again. */
    private void runClaimed() {
        LOG.infof("scheduled reconciliation started (every %s)", every.get());
        try {
            reconciliation.run();
        } catch (Reconciliation.AlreadyRunning operatorsRun) {
            LOG.info("scheduled reconciliation skipped: an operator's run is under way");
        } catch (RuntimeException | Error e) { // an Error thrown on would end the schedule without a word
            LOG.warnf("scheduled reconciliation failed, tried again within %s: %s", TICK, e.getMessage());
            reports.release(instance);
        }
    }
}
