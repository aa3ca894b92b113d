package com.shop.cdc.common.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake writer against a real S3Proxy (the test's own) and the real PostgreSQL catalog: what it writes is read
 * back with Iceberg's generic reader and compared key by key with the source's state.
 */
class LakeChangeWriterIT {

    private static final String TOPIC = "shop.public.users";
    private static final SourceTable USERS = new SourceTable("shop_users", "public", "users");
    private static final LakeSettings.TableSettings TABLE = new LakeSettings.TableSettings("users", "public.users",
            List.of("id"), Map.of("balance", LakeValues.parse("decimal(12;2)")), Set.of("phone"));

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static int namespaces;

    @BeforeAll
    static void startStore() throws Exception {
        LakeTestCatalog.createDatabase();
        s3 = new S3ProxyServer(dir).start();
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void holdsTheSourcesCurrentStateKeyByKey() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            assertThat(writer.write(List.of(
                    upsert(1, 10, 0, "ann", "10.50"), upsert(2, 20, 1, "bob", "20"), upsert(3, 30, 2, "cy", "30.25"))))
                    .containsOnly(WriteOutcome.WRITTEN);
            Map<String, Object> toast = row(2, "bobby", "21.00");
            toast.put("note", Unavailable.VALUE);
            assertThat(writer.write(List.of(
                    upsert(1, 40, 3, "anne", "11.00"),
                    upsert(1, 40, 4, "anne", "11.00"),  // the same change again, under a new offset
                    upsert(2, 15, 5, "bo", "1.00"),     // older than what the table holds
                    delete(3, 50, 6),
                    upsert(3, 45, 7, "cy", "30.00"),    // older than the delete: never resurrects
                    change(Operation.UPDATE, 2, 60, 8, toast))))
                    .extracting(WriteOutcome::kind).containsExactly(WriteOutcome.Kind.WRITTEN, WriteOutcome.Kind.STALE,
                            WriteOutcome.Kind.STALE, WriteOutcome.Kind.WRITTEN, WriteOutcome.Kind.STALE, WriteOutcome.Kind.WRITTEN);
            assertThat(state(settings)).isEqualTo(Map.of(1L, "anne 11.00 note of 1", 2L, "bobby 21.00 note of 2"));

            Map<String, Object> noted = row(2, "bobby", "22.00");
            noted.put("note", "new note");
            Map<String, Object> toastAgain = row(2, "robert", "23.00");
            toastAgain.put("note", Unavailable.VALUE);
            assertThat(writer.write(List.of(change(Operation.UPDATE, 2, 70, 9, noted), change(Operation.UPDATE, 2, 80, 10, toastAgain),
                    delete(4, 90, 11))))
                    .containsOnly(WriteOutcome.WRITTEN);
            assertThat(writer.write(List.of(upsert(4, 85, 12, "dee", "4.00")))).containsExactly(WriteOutcome.STALE);
            assertThat(state(settings)).isEqualTo(Map.of(1L, "anne 11.00 note of 1", 2L, "robert 23.00 new note"));

            assertThat(writer.write(List.of(upsert(5, 95, 13, "eve", "5.00"), truncate(100, 14), upsert(6, 110, 15, "fay", "6.00"),
                    upsert(1, 99, 16, "ann", "1.00"))))
                    .extracting(WriteOutcome::kind).containsExactly(WriteOutcome.Kind.WRITTEN, WriteOutcome.Kind.WRITTEN,
                            WriteOutcome.Kind.WRITTEN, WriteOutcome.Kind.STALE);
            assertThat(state(settings)).isEqualTo(Map.of(6L, "fay 6.00 note of 6"));
        }
        try (LakeChangeWriter restarted = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            // the barrier outlives the writer: an older change under a new offset stays out
            assertThat(restarted.write(List.of(upsert(2, 98, 17, "bob", "2.00")))).containsExactly(WriteOutcome.STALE);
        }
        try (LakeTestCatalog.Reader read = LakeTestCatalog.reader(settings)) {
            Catalog reader = read.catalog();
            Table table = reader.loadTable(TableIdentifier.of(settings.namespace(), "users"));
            assertThat(table.schema().identifierFieldNames()).containsExactly("id");
            assertThat(table.schema().findType("balance")).isEqualTo(Types.DecimalType.of(12, 2));
            assertThat(table.schema().findType("created")).isEqualTo(Types.TimestampType.withZone());
            assertThat(table.schema().findType("born")).isEqualTo(Types.DateType.get());
            assertThat(table.schema().findType("prefs")).isEqualTo(Types.StringType.get());
            assertThat(table.schema().findField("phone")).isNull();
            Record six = rows(reader, settings).get(6L);
            assertThat(six.getField("created")).isEqualTo(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6000, ZoneOffset.UTC));
            assertThat(six.getField("born")).isEqualTo(LocalDate.of(1990, 5, 6));
            assertThat(six.getField("prefs")).isEqualTo("{\"big\":9007199254740993,\"small\":1E-7,\"tags\":[]}");
            assertThat(six.getField(LakeTable.POSITION)).isEqualTo(SourcePosition.postgres(110, false).value());
        }
    }

    @Test
    void listsEachKeyOnceForReconciliationAsReadersSeeIt() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            writer.write(List.of(upsert(1, 10, 0, "ann", "1.00"), upsert(2, 20, 1, "bob", "2.00"), upsert(3, 30, 2, "cy", "3.00")));
            writer.write(List.of(delete(2, 40, 3), delete(9, 50, 4), delete(3, 55, 5)));
            writer.write(List.of(upsert(3, 60, 6, "cy", "3.50")));
            Map<String, TargetKey> keys = new TreeMap<>();
            writer.scan(key -> assertThat(keys.put(key.key(), key)).as("listed once: " + key).isNull());
            assertThat(keys.values()).containsExactly(
                    new TargetKey("users:1", SourcePosition.postgres(10, false).value(), false, null),
                    new TargetKey("users:2", SourcePosition.postgres(40, false).value(), true, null),
                    new TargetKey("users:3", SourcePosition.postgres(60, false).value(), false, null),
                    new TargetKey("users:9", SourcePosition.postgres(50, false).value(), true, null));
            assertThat(writer.keyOf(upsert(1, 70, 7, "ann", "1.00"))).contains("users:1");
            assertThat(writer.keyOf(delete(9, 80, 8))).contains("users:9");

            // one key as readers see it: the newest row, its exact decimal, without the writer's position columns
            TargetRow row = writer.read("users:3").orElseThrow();
            assertThat(row.position()).isEqualTo(SourcePosition.postgres(60, false).value());
            assertThat(row.deleted()).isFalse();
            assertThat(row.row()).contains("\"3.50\"", "\"cy\"").doesNotContain("\"" + LakeTable.POSITION + "\":",
                    "\"" + LakeTable.POSITION_TEXT + "\":");
            assertThat(writer.read("users:2")).contains(new TargetRow("users:2", SourcePosition.postgres(40, false).value(),
                    true, null));
            assertThat(writer.read("users:4")).isEmpty();
            assertThat(writer.read("users:x")).isEmpty();
            assertThat(writer.read("orders:1")).isEmpty();
        }
    }

    @Test
    void aColumnAddedWithADefaultReachesTheRowsStoredBefore() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            writer.write(List.of(upsert(1, 10, 0, "ann", "1.00"), upsert(2, 20, 1, "bob", "2.00")));
            Map<String, Object> withTier = row(3, "cy", "3.00");
            withTier.put("tier", "gold");
            ChangeEvent afterAlter = new ChangeEvent(USERS, Map.of("id", 3L), Operation.CREATE, null, withTier,
                    SourcePosition.postgres(30, false), Instant.ofEpochMilli(30), null, false, new KafkaCoordinates(TOPIC, 0, 2, 0),
                    Map.of(), Map.of("tier", "standard"));
            // a change read before the ALTER (another partition): its row has the default at the source
            assertThat(writer.write(List.of(afterAlter, upsert(4, 25, 3, "dee", "4.00")))).containsOnly(WriteOutcome.WRITTEN);
        }
        try (LakeTestCatalog.Reader read = LakeTestCatalog.reader(settings)) {
            Map<Long, Object> tiers = new TreeMap<>();
            rows(read.catalog(), settings).forEach((id, row) -> tiers.put(id, row.getField("tier")));
            assertThat(tiers).isEqualTo(Map.of(1L, "standard", 2L, "standard", 3L, "gold", 4L, "standard"));
        }
        assertThat(state(settings)).containsOnlyKeys(1L, 2L, 3L, 4L).containsEntry(1L, "ann 1.00 note of 1");
    }

    /** A value its column cannot hold is refused with a reason naming the column's property; the rest is written. */
    @Test
    void aValueItsColumnCannotHoldIsRefusedWithItsPropertyAndTheRestWritten() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            List<WriteOutcome> outcomes = writer.write(List.of(upsert(1, 10, 0, "ann", "1.00"),
                    upsert(2, 20, 1, "bob", "2.005"), upsert(3, 30, 2, "cy", "3.00")));
            assertThat(outcomes.get(0)).isEqualTo(WriteOutcome.WRITTEN);
            assertThat(outcomes.get(1).isRejected()).isTrue();
            assertThat(outcomes.get(1).reason()).contains("2.005").contains("cdc.lake.tables.users.columns.balance");
            assertThat(outcomes.get(2)).isEqualTo(WriteOutcome.WRITTEN);
        }
        assertThat(state(settings)).containsOnlyKeys(1L, 3L);
    }

    @Test
    void aRestartSkipsTheOffsetsACommitHolds() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        List<ChangeEvent> first = List.of(upsert(1, 10, 0, "ann", "1.00"), upsert(2, 20, 1, "bob", "2.00"), delete(7, 30, 2));
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            assertThat(writer.write(first)).containsOnly(WriteOutcome.WRITTEN);
        }
        long committed;
        try (LakeTestCatalog.Reader read = LakeTestCatalog.reader(settings)) {
            Catalog reader = read.catalog();
            Table table = reader.loadTable(TableIdentifier.of(settings.namespace(), "users"));
            assertThat(table.currentSnapshot().summary()).containsEntry(KafkaOffsets.SUMMARY, "{\"" + TOPIC + "\":{\"0\":3}}");
            table.rewriteManifests().rewriteIf(manifest -> true).commit(); // maintenance: a snapshot without offsets
            committed = table.currentSnapshot().snapshotId();
            assertThat(table.currentSnapshot().summary()).doesNotContainKey(KafkaOffsets.SUMMARY);
        }
        try (LakeChangeWriter restarted = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            restarted.prepare();
            Map<String, Object> changed = row(1, "changed", "9.00"); // a replay is skipped by its offset, whatever it holds
            assertThat(restarted.write(List.of(change(Operation.UPDATE, 1, 10, 0, changed), first.get(1), first.get(2))))
                    .containsOnly(WriteOutcome.STALE);
            assertThat(currentSnapshot(settings).snapshotId()).isEqualTo(committed);
            assertThat(restarted.write(List.of(upsert(7, 25, 3, "gus", "7.00"), upsert(2, 40, 4, "bea", "2.50"))))
                    .containsExactly(WriteOutcome.STALE, WriteOutcome.WRITTEN);
        }
        assertThat(state(settings)).isEqualTo(Map.of(1L, "ann 1.00 note of 1", 2L, "bea 2.50 note of 2"));
        assertThat(currentSnapshot(settings).summary()).containsEntry(KafkaOffsets.SUMMARY, "{\"" + TOPIC + "\":{\"0\":5}}");
    }

    @Test
    void maintenanceCompactsExpiresAndCleansWithoutChangingWhatReadersSee() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        MaintenanceSettings maintenance = new MaintenanceSettings(4, 1 << 20, Duration.ZERO, 1, Duration.ofDays(1));
        Map<Long, String> before;
        String orphan;
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            for (int i = 0; i < 6; i++) {
                writer.write(List.of(upsert(i, 10 + i, 2 * i, "v" + i, i + ".00"), upsert(0, 10 + i, 2 * i + 1, "zero" + i, "0.0" + i)));
            }
            writer.write(List.of(delete(3, 50, 12)));
            before = state(settings);
            assertThat(files(settings, "users")).containsExactly(6, 6);
            orphan = table(settings, "users").location() + "/data/left-by-a-failed-commit.parquet";
            try (var out = table(settings, "users").io().newOutputFile(orphan).create()) {
                out.write(1);
            }

            List<TableMaintenance.Result> results = writer.maintain(maintenance, Clock.offset(Clock.systemUTC(), Duration.ofDays(2)));

            assertThat(results).extracting(TableMaintenance.Result::table)
                    .containsExactly("lake." + settings.namespace() + ".users", "lake." + settings.namespace() + "_deletes.users");
            assertThat(results.get(0).compaction()).isEqualTo(new TableMaintenance.Compaction(6, 6, 1, 5));
            // the planted file, and the 12 the compaction replaced: its own snapshot still lists them as deleted, so
            // expiry leaves them, but no snapshot kept (retain-snapshots 1) reads them any more
            assertThat(results.get(0).orphans()).isEqualTo(13);
            assertThat(results.get(1).compaction()).isEqualTo(TableMaintenance.Compaction.NONE); // one file, under min-files
            assertThat(state(settings)).isEqualTo(before);
            assertThat(files(settings, "users")).containsExactly(1, 0);
            assertThat(table(settings, "users").snapshots()).hasSize(1);
            assertThat(table(settings, "users").io().newInputFile(orphan).exists()).isFalse();
            assertThat(currentSnapshot(settings).summary()).containsEntry(KafkaOffsets.SUMMARY, "{\"" + TOPIC + "\":{\"0\":13}}");
            // the writer goes on from the compacted table without loading it again
            assertThat(writer.write(List.of(upsert(3, 40, 13, "cy", "3.00"), upsert(1, 60, 14, "one", "1.50"))))
                    .containsExactly(WriteOutcome.STALE, WriteOutcome.WRITTEN);
        }
        try (LakeChangeWriter restarted = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            assertThat(restarted.write(List.of(upsert(1, 60, 14, "one", "1.50")))).containsExactly(WriteOutcome.STALE);
        }
        before.put(1L, "one 1.50 note of 1");
        assertThat(state(settings)).isEqualTo(before);
    }

    @Test
    void anUnreachableStoreMakesTheTargetUnavailableUntilItAnswersAgain() throws Exception {
        LakeSettings settings = settings(Duration.ZERO);
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            assertThat(writer.write(List.of(upsert(1, 10, 0, "ann", "1.00")))).containsOnly(WriteOutcome.WRITTEN);
            s3.stop();
            try {
                assertThatThrownBy(() -> writer.write(List.of(upsert(2, 20, 1, "bob", "2.00"))))
                        .isInstanceOf(TargetUnavailableException.class).hasMessageStartingWith("lake unavailable");
                assertThatThrownBy(writer::probe).isInstanceOf(TargetUnavailableException.class);
            } finally {
                s3.start();
            }
            writer.probe();
            assertThat(writer.write(List.of(upsert(2, 20, 1, "bob", "2.00")))).containsOnly(WriteOutcome.WRITTEN);
        }
        assertThat(state(settings)).isEqualTo(Map.of(1L, "ann 1.00 note of 1", 2L, "bob 2.00 note of 2"));
    }

    @Test
    void aWriteWaitsForTheCommitIntervalSoQueuedBatchesGoOutTogether() throws Exception {
        LakeSettings settings = settings(Duration.ofSeconds(2));
        try (LakeChangeWriter writer = new LakeChangeWriter(settings, LakeTestCatalog.JSON)) {
            writer.write(List.of(upsert(1, 10, 0, "ann", "1.00")));
            long started = System.nanoTime();
            writer.write(List.of(upsert(2, 20, 1, "bob", "2.00")));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
        }
        assertThat(state(settings)).containsOnlyKeys(1L, 2L);
    }

    private static LakeSettings settings(Duration commitInterval) {
        String namespace = "it_" + Long.toString(System.currentTimeMillis(), 36) + "_" + namespaces++;
        return LakeTestCatalog.settings(s3, namespace, commitInterval, List.of(TABLE));
    }

    private static Table table(LakeSettings settings, String name) throws Exception {
        try (LakeTestCatalog.Reader read = LakeTestCatalog.reader(settings)) {
            return read.catalog().loadTable(TableIdentifier.of(settings.namespace(), name));
        }
    }

    /** The table's live data files and equality delete files. */
    private static List<Integer> files(LakeSettings settings, String name) throws Exception {
        Set<String> deletes = new HashSet<>();
        int data = 0;
        try (CloseableIterable<FileScanTask> tasks = table(settings, name).newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                data++;
                task.deletes().forEach(file -> deletes.add(file.location()));
            }
        }
        return List.of(data, deletes.size());
    }

    private static Snapshot currentSnapshot(LakeSettings settings) throws Exception {
        try (LakeTestCatalog.Reader read = LakeTestCatalog.reader(settings)) {
            Catalog reader = read.catalog();
            return reader.loadTable(TableIdentifier.of(settings.namespace(), "users")).currentSnapshot();
        }
    }

    /** Each key's row, read back as a reader of the lake reads it: "name balance note". */
    private static Map<Long, String> state(LakeSettings settings) throws Exception {
        try (LakeTestCatalog.Reader read = LakeTestCatalog.reader(settings)) {
            Catalog reader = read.catalog();
            Map<Long, String> state = new TreeMap<>();
            rows(reader, settings).forEach((id, row) ->
                    state.put(id, row.getField("name") + " " + ((BigDecimal) row.getField("balance")).toPlainString() + " " + row.getField("note")));
            return state;
        }
    }

    private static Map<Long, Record> rows(Catalog reader, LakeSettings settings) throws Exception {
        Map<Long, Record> rows = new HashMap<>();
        Table table = reader.loadTable(TableIdentifier.of(settings.namespace(), "users"));
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                assertThat(rows.put((Long) record.getField("id"), record.copy())).as("one row per key").isNull();
            }
        }
        return rows;
    }

    private static Map<String, Object> row(long id, String name, String balance) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("balance", new BigDecimal(balance));
        row.put("note", "note of " + id);
        row.put("phone", "+4915112345678");
        row.put("created", Instant.parse("2026-01-02T03:04:05.000006Z"));
        row.put("born", LocalDate.of(1990, 5, 6));
        Map<String, Object> prefs = new TreeMap<>();
        prefs.put("big", new BigDecimal("9007199254740993"));
        prefs.put("small", new BigDecimal("1E-7"));
        prefs.put("tags", List.of());
        row.put("prefs", prefs);
        row.put("active", true);
        return row;
    }

    private static ChangeEvent upsert(long id, long lsn, long offset, String name, String balance) {
        return change(Operation.UPDATE, id, lsn, offset, row(id, name, balance));
    }

    private static ChangeEvent delete(long id, long lsn, long offset) {
        return change(Operation.DELETE, id, lsn, offset, null);
    }

    private static ChangeEvent truncate(long lsn, long offset) {
        return new ChangeEvent(USERS, Map.of(), Operation.TRUNCATE, null, null, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates(TOPIC, 0, offset, 0), Map.of());
    }

    private static ChangeEvent change(Operation operation, long id, long lsn, long offset, Map<String, Object> after) {
        Map<String, Object> before = operation == Operation.DELETE ? Map.of("id", id) : null;
        return new ChangeEvent(USERS, Map.of("id", id), operation, before, after, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates(TOPIC, 0, offset, 0), Map.of());
    }
}
