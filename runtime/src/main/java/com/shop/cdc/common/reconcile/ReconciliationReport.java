package com.shop.cdc.common.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * What one reconciliation found.
 *
 * @param records what the replay read: every record up to the end offsets taken when it started
 */
public record ReconciliationReport(String service, Instant startedAt, Instant finishedAt, List<String> topics,
                                   Records records, List<TargetReport> targets) {

    public ReconciliationReport {
        topics = List.copyOf(topics);
        targets = List.copyOf(targets);
    }

    /** Source records replayed, by what the service's pipeline made of them. */
    public record Records(long read, long accepted, long rejected, long skipped) {
    }

    /**
     * One target against the expected latest state per key.
     *
     * @param sourceKeys     keys live in the source (latest change not a delete, newer than any truncate)
     * @param targetKeys     keys live in the target (rows, not delete markers)
     * @param different      rows at the source's position whose content differs (targets that compare contents)
     * @param sourceChecksum xor over live source keys of 64 bits of MD5({@code <key>@<position>}), hex
     * @param targetChecksum the same over the target's live keys
     * @param listed         up to {@code cdc.reconciliation.listed-keys} keys of each kind
     */
    public record TargetReport(String target, long sourceKeys, long targetKeys, long missing, long extra, long stale,
                               long different, String sourceChecksum, String targetChecksum, boolean checksumMatch,
                               List<Discrepancy> listed) {

        public TargetReport {
            listed = List.copyOf(listed);
        }

        public boolean clean() {
            return missing == 0 && extra == 0 && stale == 0 && different == 0 && checksumMatch;
        }
    }

    /**
     * One key out of step.
     *
     * @param expectedPosition the source's latest position of the key, null when the source never had it
     * @param targetPosition   the target's position (of a row or a delete marker), null when it has nothing
     * @param source           the record of the source's latest change of the key, null when the source never had it
     */
    public record Discrepancy(Kind kind, String key, Long expectedPosition, Long targetPosition, SourceRecord source) {
    }

    /** Where a change was read from its topic. */
    public record SourceRecord(String topic, int partition, long offset) {
    }

    /**
     * Missing: live in the source, no row in the target. Extra: a row the source deleted or never
     * had. Stale: a row older than the source's. Different: the source's position, other content.
     */
    public enum Kind {
        MISSING, EXTRA, STALE, DIFFERENT
    }

    /** Every target without a missing, extra or stale key, and their checksums equal. */
    public boolean clean() {
        return targets.stream().allMatch(TargetReport::clean);
    }
}
