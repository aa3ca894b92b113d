package com.shop.cdc.common.reconcile;

import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.reconcile.ReconciliationReport.Discrepancy;
import com.shop.cdc.common.reconcile.ReconciliationReport.Kind;
import com.shop.cdc.common.reconcile.ReconciliationReport.SourceRecord;
import com.shop.cdc.common.reconcile.ReconciliationReport.TargetReport;
import com.shop.cdc.common.target.TargetKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The source's changes and the targets' keys of one reconciliation, in a DuckDB file of its own
 * that is deleted afterwards: appended as they stream in, then reduced and compared in SQL. DuckDB
 * keeps at most {@code memoryLimitMb} in memory and spills the rest to the work folder, so the
 * number of keys is bounded by disk, not by the heap.
 */
final class KeySets implements AutoCloseable {

    /** The latest change per target key; live unless it is a delete or at or below its table's last truncate. */
    private static final String EXPECTED = """
            CREATE TABLE expected AS
            WITH latest AS (
                SELECT target, key, any_value(tbl) AS tbl, max(pos) AS pos, arg_max(deleted, pos) AS deleted,
                       arg_max_null(digest, pos) AS digest, arg_max(topic, pos) AS topic, arg_max(part, pos) AS part,
                       arg_max(off, pos) AS off
                FROM source_changes GROUP BY target, key),
            barriers AS (SELECT tbl, max(pos) AS pos FROM truncations GROUP BY tbl)
            SELECT l.target, l.key, l.pos, NOT l.deleted AND l.pos > coalesce(b.pos, -1) AS live, l.digest,
                   l.topic, l.part, l.off
            FROM latest l LEFT JOIN barriers b ON l.tbl = b.tbl""";

    private static final String COMPARED = """
            CREATE VIEW compared AS
            SELECT coalesce(e.target, t.target) AS target, coalesce(e.key, t.key) AS key,
                   e.pos AS expected, t.pos AS actual, e.topic, e.part, e.off,
                   CASE WHEN coalesce(e.live, false) AND (t.key IS NULL OR t.deleted) THEN 'MISSING'
                        WHEN NOT coalesce(e.live, false) AND t.key IS NOT NULL AND NOT t.deleted THEN 'EXTRA'
                        WHEN e.live AND t.pos < e.pos THEN 'STALE'
                        WHEN e.live AND t.pos = e.pos AND e.digest <> t.digest THEN 'DIFFERENT' END AS kind
            FROM expected e FULL OUTER JOIN target_keys t ON e.target = t.target AND e.key = t.key""";

    private final Path file;
    private final Path spill;
    private final Connection db;
    private final DuckDBAppender sourceChanges;
    private final DuckDBAppender truncations;
    private final DuckDBAppender targetKeys;

    KeySets(Path workDir, int memoryLimitMb) throws SQLException {
        String name = "reconciliation-" + UUID.randomUUID();
        file = workDir.resolve(name + ".duckdb");
        spill = workDir.resolve(name + ".spill");
        loadDriver();
        db = DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement statement = db.createStatement()) {
            statement.execute("SET memory_limit = '" + memoryLimitMb + "MB'");
            statement.execute("SET temp_directory = '" + spill.toString().replace("'", "''") + "'");
            statement.execute("SET preserve_insertion_order = false");
            statement.execute("CREATE TABLE source_changes (target VARCHAR, tbl VARCHAR, key VARCHAR, pos BIGINT, deleted BOOLEAN,"
                    + " digest VARCHAR, topic VARCHAR, part INTEGER, off BIGINT)");
            statement.execute("CREATE TABLE truncations (tbl VARCHAR, pos BIGINT)");
            statement.execute("CREATE TABLE target_keys (target VARCHAR, key VARCHAR, pos BIGINT, deleted BOOLEAN, digest VARCHAR)");
        }
        DuckDBConnection duck = db.unwrap(DuckDBConnection.class);
        sourceChanges = duck.createAppender("source_changes");
        truncations = duck.createAppender("truncations");
        targetKeys = duck.createAppender("target_keys");
    }

    /**
     * Registers DuckDB's driver explicitly: a driver that DriverManager finds through the service
     * loader depends on the class loader of the thread that asks first.
     */
    private static void loadDriver() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("reconciliation needs DuckDB's JDBC driver on the class path", e);
        }
    }

    /**
     * @param digest the row's {@link com.shop.cdc.common.target.RowDigest}, or null where contents are not compared
     * @param record where the change was read, so that a key found out of step can be looked at
     */
    void sourceChange(String target, String table, String key, long position, boolean deleted, String digest,
                      KafkaCoordinates record) {
        try {
            sourceChanges.beginRow();
            sourceChanges.append(target);
            sourceChanges.append(table);
            sourceChanges.append(key);
            sourceChanges.append(position);
            sourceChanges.append(deleted);
            append(sourceChanges, digest);
            sourceChanges.append(record.topic());
            sourceChanges.append(record.partition());
            sourceChanges.append(record.offset());
            sourceChanges.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to the reconciliation file " + file, e);
        }
    }

    void truncation(String table, long position) {
        try {
            truncations.beginRow();
            truncations.append(table);
            truncations.append(position);
            truncations.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to the reconciliation file " + file, e);
        }
    }

    void targetKey(String target, TargetKey key) {
        try {
            targetKeys.beginRow();
            targetKeys.append(target);
            targetKeys.append(key.key());
            targetKeys.append(key.position());
            targetKeys.append(key.deleted());
            append(targetKeys, key.digest());
            targetKeys.endRow();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to the reconciliation file " + file, e);
        }
    }

    private static void append(DuckDBAppender appender, String text) throws SQLException {
        if (text == null) {
            appender.appendNull();
        } else {
            appender.append(text);
        }
    }

    /** Compares each target with the expected state; call once, after every key was appended. */
    List<TargetReport> compare(List<String> targets, int listed) throws SQLException {
        sourceChanges.close();
        truncations.close();
        targetKeys.close();
        Map<String, Map<Kind, Long>> counts = new HashMap<>();
        Map<String, List<Discrepancy>> examples = new HashMap<>();
        Map<String, long[]> live = new HashMap<>();
        Map<String, String[]> checksums = new HashMap<>();
        for (String target : targets) {
            counts.put(target, new HashMap<>());
            examples.put(target, new ArrayList<>());
            live.put(target, new long[2]);
            checksums.put(target, new String[] {"0", "0"});
        }
        try (Statement statement = db.createStatement()) {
            statement.execute(EXPECTED);
            statement.execute(COMPARED);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT target, kind, count(*) FROM compared WHERE kind IS NOT NULL GROUP BY target, kind")) {
                while (rs.next()) {
                    counts.get(rs.getString(1)).put(Kind.valueOf(rs.getString(2)), rs.getLong(3));
                }
            }
            checksums(statement, "SELECT target, count(*), hex(bit_xor(md5_number_lower(key || '@' || pos)))"
                    + " FROM expected WHERE live GROUP BY target", live, checksums, 0);
            checksums(statement, "SELECT target, count(*), hex(bit_xor(md5_number_lower(key || '@' || pos)))"
                    + " FROM target_keys WHERE NOT deleted GROUP BY target", live, checksums, 1);
        }
        try (PreparedStatement query = db.prepareStatement("""
                SELECT target, kind, key, expected, actual, topic, part, off FROM (
                    SELECT *, row_number() OVER (PARTITION BY target, kind ORDER BY key) AS n
                    FROM compared WHERE kind IS NOT NULL)
                WHERE n <= ? ORDER BY target, kind, key""")) {
            query.setInt(1, listed);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    SourceRecord source = rs.getString(6) == null ? null
                            : new SourceRecord(rs.getString(6), rs.getInt(7), rs.getLong(8));
                    examples.get(rs.getString(1)).add(new Discrepancy(Kind.valueOf(rs.getString(2)), rs.getString(3),
                            (Long) rs.getObject(4, Long.class), (Long) rs.getObject(5, Long.class), source));
                }
            }
        }
        return targets.stream().map(target -> {
            Map<Kind, Long> found = counts.get(target);
            String[] sums = checksums.get(target);
            return new TargetReport(target, live.get(target)[0], live.get(target)[1], found.getOrDefault(Kind.MISSING, 0L),
                    found.getOrDefault(Kind.EXTRA, 0L), found.getOrDefault(Kind.STALE, 0L), found.getOrDefault(Kind.DIFFERENT, 0L), sums[0], sums[1],
                    sums[0].equals(sums[1]), examples.get(target));
        }).toList();
    }

    private static void checksums(Statement statement, String query, Map<String, long[]> live,
                                  Map<String, String[]> checksums, int side) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                if (live.containsKey(rs.getString(1))) {
                    live.get(rs.getString(1))[side] = rs.getLong(2);
                    checksums.get(rs.getString(1))[side] = rs.getString(3).toLowerCase(Locale.ROOT);
                }
            }
        }
    }

    /** Closes the file and deletes it with its write-ahead log and spill folder. */
    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // the file is deleted next either way
        }
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
            if (Files.isDirectory(spill)) {
                try (Stream<Path> paths = Files.walk(spill)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the reconciliation file " + file, e);
        }
    }
}
