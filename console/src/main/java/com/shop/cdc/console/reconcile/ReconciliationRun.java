package com.shop.cdc.console.reconcile;

import com.shop.cdc.console.Elapsed;
import com.shop.cdc.console.services.ReconciliationReport;
import java.time.Instant;

/**
 * One reconciliation started from the console (table {@code console_reconciliation_run}).
 *
 * @param outcome running, clean, differences, failed; abandoned when it never finished within
 *                {@code console.reconciliation-timeout} (the console stopped while it ran)
 * @param error   why it failed, null otherwise
 * @param report  the service's report, null until it finished clean or with differences
 */
public record ReconciliationRun(long id, String service, String startedBy, Instant startedAt, Instant finishedAt,
                                String outcome, String error, ReconciliationReport report) {

    public static final String RUNNING = "running";

    public boolean running() {
        return RUNNING.equals(outcome);
    }

    /** How long it ran, or has been running: "2 m 5 s". */
    public String elapsed() {
        return Elapsed.between(startedAt, finishedAt);
    }
}
