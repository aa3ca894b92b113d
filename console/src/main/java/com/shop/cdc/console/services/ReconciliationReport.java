package com.shop.cdc.console.services;

import java.time.Instant;
import java.util.List;

/** A service's reconciliation report ({@code POST /reconciliation}, {@code GET /reconciliation/latest}). */
public record ReconciliationReport(String service, Instant startedAt, Instant finishedAt, List<String> topics,
                                   Records records, List<TargetReport> targets) {

    public record Records(long read, long accepted, long rejected, long skipped) {
    }

    public record TargetReport(String target, long sourceKeys, long targetKeys, long missing, long extra, long stale,
                               long different, boolean checksumMatch, List<Discrepancy> listed) {

        public boolean clean() {
            return missing == 0 && extra == 0 && stale == 0 && different == 0 && checksumMatch;
        }
    }

    /** One key out of step: MISSING, EXTRA, STALE or DIFFERENT; its source record, null when the source never had it. */
    public record Discrepancy(String kind, String key, Long expectedPosition, Long targetPosition, SourceRecord source) {
    }

    /** Where the source's latest change of a key was read. */
    public record SourceRecord(String topic, int partition, long offset) {
    }

    public boolean clean() {
        return targets != null && targets.stream().allMatch(TargetReport::clean);
    }
}
