package com.shop.cdc.console.services;

import java.time.Duration;
import java.time.Instant;

/**
 * When a service reconciles itself ({@code GET /reconciliation/schedule}).
 *
 * @param every     ISO-8601 ({@code cdc.reconciliation.every}), null when it does not run itself
 * @param nextDueAt one interval after its latest run's start, null before a first run
 */
public record Schedule(Duration every, Instant lastRunAt, Instant nextDueAt) {

    /** The interval as the pages say it: "6 h", "1 h 30 m", "45 s". */
    public String interval() {
        if (every == null) {
            return null;
        }
        String text = (every.toHours() > 0 ? every.toHours() + " h " : "") + (every.toMinutesPart() > 0 ? every.toMinutesPart() + " m " : "")
                + (every.toSecondsPart() > 0 ? every.toSecondsPart() + " s" : "");
        return text.strip();
    }
}
