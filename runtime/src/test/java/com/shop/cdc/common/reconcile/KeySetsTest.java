package com.shop.cdc.common.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.reconcile.ReconciliationReport.Discrepancy;
import com.shop.cdc.common.reconcile.ReconciliationReport.Kind;
import com.shop.cdc.common.reconcile.ReconciliationReport.SourceRecord;
import com.shop.cdc.common.reconcile.ReconciliationReport.TargetReport;
import com.shop.cdc.common.target.TargetKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the expected state is reduced from the source's changes and each target's keys classified. */
class KeySetsTest {

    @TempDir
    Path work;

    @Test
    void aTargetHoldingTheLatestStateOfEveryKeyIsCleanWithEqualChecksums() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            keys.sourceChange("t", "db.users", "u1", 10, false, null, at(10));
            keys.sourceChange("t", "db.users", "u1", 30, false, null, at(30));
            keys.sourceChange("t", "db.users", "u1", 20, false, null, at(20)); // arrived late from another partition
            keys.sourceChange("t", "db.users", "u2", 11, false, null, at(11));
            keys.sourceChange("t", "db.users", "u2", 12, true, null, at(12));
            keys.targetKey("t", new TargetKey("u1", 30, false, null));
            keys.targetKey("t", new TargetKey("u2", 12, true, null));

            TargetReport report = keys.compare(List.of("t"), 10).get(0);

            assertThat(report.clean()).isTrue();
            assertThat(report.sourceKeys()).isEqualTo(1);
            assertThat(report.targetKeys()).isEqualTo(1);
            assertThat(report.targetChecksum()).isEqualTo(report.sourceChecksum()).isNotEqualTo("0");
        }
    }

    /** A newest change without a digest (an unchanged TOAST value) is not compared, never against an older digest. */
    @Test
    void theNewestChangeWithoutADigestIsNotComparedByAnOlderOnesDigest() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            keys.sourceChange("t", "db.users", "u1", 10, false, "old-row", at(10));
            keys.sourceChange("t", "db.users", "u1", 20, false, null, at(20));
            keys.targetKey("t", new TargetKey("u1", 20, false, "row-with-the-kept-value"));

            TargetReport report = keys.compare(List.of("t"), 10).get(0);

            assertThat(report.clean()).as("%s", report).isTrue();
        }
    }

    @Test
    void missingExtraAndStaleKeysAreEachListedWithTheirPositions() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            keys.sourceChange("t", "db.users", "absent", 5, false, null, at(5));
            keys.sourceChange("t", "db.users", "marker", 6, false, null, at(6));
            keys.sourceChange("t", "db.users", "deleted", 7, false, null, at(7));
            keys.sourceChange("t", "db.users", "deleted", 8, true, null, at(8));
            keys.sourceChange("t", "db.users", "old", 9, false, null, at(9));
            keys.sourceChange("t", "db.users", "old", 19, false, null, at(19));
            keys.targetKey("t", new TargetKey("marker", 6, true, null));
            keys.targetKey("t", new TargetKey("deleted", 7, false, null));
            keys.targetKey("t", new TargetKey("old", 9, false, null));
            keys.targetKey("t", new TargetKey("unknown", 3, false, null));
            keys.targetKey("t", new TargetKey("unknown-marker", 3, true, null));

            TargetReport report = keys.compare(List.of("t"), 10).get(0);

            assertThat(List.of(report.missing(), report.extra(), report.stale())).containsExactly(2L, 2L, 1L);
            assertThat(report.listed()).containsExactly(
                    new Discrepancy(Kind.EXTRA, "deleted", 8L, 7L, source(8)),
                    new Discrepancy(Kind.EXTRA, "unknown", null, 3L, null),
                    new Discrepancy(Kind.MISSING, "absent", 5L, null, source(5)),
                    new Discrepancy(Kind.MISSING, "marker", 6L, 6L, source(6)),
                    new Discrepancy(Kind.STALE, "old", 19L, 9L, source(19)));
            assertThat(report.checksumMatch()).isFalse();
        }
    }

    @Test
    void aRowAtTheSourcesPositionWithOtherContentIsDifferentWhereBothSidesHaveADigest() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            keys.sourceChange("t", "db.users", "edited", 5, false, "aa", at(5));
            keys.sourceChange("t", "db.users", "edited", 7, false, "bb", at(7));
            keys.sourceChange("t", "db.users", "same", 5, false, "cc", at(5));
            keys.sourceChange("t", "db.users", "unknown", 5, false, null, at(5));
            keys.targetKey("t", new TargetKey("edited", 7, false, "aa"));
            keys.targetKey("t", new TargetKey("same", 5, false, "cc"));
            keys.targetKey("t", new TargetKey("unknown", 5, false, "dd"));

            TargetReport report = keys.compare(List.of("t"), 10).get(0);

            assertThat(report.listed()).containsExactly(new Discrepancy(Kind.DIFFERENT, "edited", 7L, 7L, source(7)));
            assertThat(report.different()).isEqualTo(1);
            assertThat(report.checksumMatch()).as("positions match: the checksum covers keys and positions").isTrue();
            assertThat(report.clean()).isFalse();
        }
    }

    @Test
    void aTruncateMakesOlderKeysOfItsTableAbsentAndKeepsNewerOnes() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            keys.sourceChange("t", "db.users", "before", 10, false, null, at(10));
            keys.sourceChange("t", "db.users", "after", 30, false, null, at(30));
            keys.sourceChange("t", "db.orders", "other-table", 10, false, null, at(10));
            keys.truncation("db.users", 20);
            keys.targetKey("t", new TargetKey("before", 10, false, null));
            keys.targetKey("t", new TargetKey("after", 30, false, null));
            keys.targetKey("t", new TargetKey("other-table", 10, false, null));

            TargetReport report = keys.compare(List.of("t"), 10).get(0);

            assertThat(report.listed()).containsExactly(new Discrepancy(Kind.EXTRA, "before", 10L, 10L, source(10)));
            assertThat(report.sourceKeys()).isEqualTo(2);
        }
    }

    @Test
    void targetsAreComparedApartAndListingsAreCutWhileCountsStayComplete() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            for (int i = 0; i < 50; i++) {
                keys.sourceChange("redis", "db.users", "user:{" + i + "}", i + 1, false, null, at(i + 1));
                keys.sourceChange("warehouse", "db.users", "USERS:" + i, i + 1, false, null, at(i + 1));
                keys.targetKey("warehouse", new TargetKey("USERS:" + i, i + 1, false, null));
            }

            List<TargetReport> reports = keys.compare(List.of("redis", "warehouse"), 3);

            assertThat(reports.get(0).missing()).isEqualTo(50);
            assertThat(reports.get(0).listed()).hasSize(3);
            assertThat(reports.get(0).targetChecksum()).isEqualTo("0");
            assertThat(reports.get(1).clean()).isTrue();
        }
    }

    @Test
    void theRunsFileIsDeletedWhenClosed() throws Exception {
        try (KeySets keys = new KeySets(work, 64)) {
            keys.sourceChange("t", "db.users", "u1", 1, false, null, at(1));
            assertThat(Files.list(work)).isNotEmpty();
        }
        assertThat(Files.list(work)).isEmpty();
    }

    /** A change read at the offset equal to its position, as these tests number them. */
    private static KafkaCoordinates at(long offset) {
        return new KafkaCoordinates("shop.db.users", 0, offset, 0);
    }

    private static SourceRecord source(long offset) {
        return new SourceRecord("shop.db.users", 0, offset);
    }
}
