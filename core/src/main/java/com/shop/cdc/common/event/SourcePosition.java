package com.shop.cdc.common.event;

/**
 * Where a change stands in its source's log, as one signed 64-bit value that grows with the log,
 * so it can serve directly as an Elasticsearch external version, a Redis guard or a warehouse
 * column. The lowest bit is 1 for streamed changes and 0 for snapshot reads: a snapshot row loses
 * against any change at or after the snapshot's position. Values are compared within one source.
 *
 * <pre>
 * PostgreSQL       0 | lsn (62 bits)                                        | streamed (1)
 * MySQL / MariaDB  0 | binlog file index (18) | event pos (32) | row (12)   | streamed (1)
 * MongoDB          0 | cluster time seconds (32) | ordinal (30)            | streamed (1)
 * </pre>
 *
 * Limits, all documented in common/README.md: PostgreSQL orders by the change's own LSN, which is
 * monotonic per row because a row lock serialises writers (so it suffices for a per-key guard and a
 * table truncate, which locks the table). A binlog row index above 4095 is clamped (rows of one
 * event are distinct keys). A log that restarts — RESET MASTER, a binlog server switch, a
 * PostgreSQL slot on a new cluster, a MongoDB restore — produces smaller positions: targets must be
 * re-seeded after it, or their stored positions would ignore every new change.
 *
 * @param value the encoded position, always positive
 * @param text  the position in the source's own words, for logs and dead letters
 */
public record SourcePosition(long value, String text) implements Comparable<SourcePosition> {

    private static final int ROW_BITS = 12;
    private static final int POS_BITS = 32;
    private static final int FILE_BITS = 18;
    private static final int ORDINAL_BITS = 30;

    public static SourcePosition postgres(long lsn, boolean snapshot) {
        require(lsn >= 0 && lsn < (1L << 62), "lsn", lsn);
        return new SourcePosition(lsn << 1 | streamed(snapshot), "lsn=" + lsn + snapshotText(snapshot));
    }

    public static SourcePosition binlog(long fileIndex, long pos, long row, boolean snapshot) {
        require(fileIndex >= 0 && fileIndex < (1L << FILE_BITS), "binlog file index", fileIndex);
        require(pos >= 0 && pos < (1L << POS_BITS), "binlog pos", pos);
        long clampedRow = Math.min(Math.max(row, 0), (1L << ROW_BITS) - 1);
        long value = ((fileIndex << POS_BITS | pos) << ROW_BITS | clampedRow) << 1 | streamed(snapshot);
        return new SourcePosition(value, "file=" + fileIndex + " pos=" + pos + " row=" + row + snapshotText(snapshot));
    }

    public static SourcePosition mongo(long clusterSeconds, long ordinal, boolean snapshot) {
        require(clusterSeconds >= 0 && clusterSeconds < (1L << 32), "cluster time seconds", clusterSeconds);
        require(ordinal >= 0 && ordinal < (1L << ORDINAL_BITS), "ordinal", ordinal);
        return new SourcePosition((clusterSeconds << ORDINAL_BITS | ordinal) << 1 | streamed(snapshot),
                "ts=" + clusterSeconds + " ord=" + ordinal + snapshotText(snapshot));
    }

    @Override
    public int compareTo(SourcePosition other) {
        return Long.compare(value, other.value);
    }

    public boolean isAfter(SourcePosition other) {
        return value > other.value;
    }

    private static long streamed(boolean snapshot) {
        return snapshot ? 0 : 1;
    }

    private static String snapshotText(boolean snapshot) {
        return snapshot ? " snapshot" : "";
    }

    private static void require(boolean condition, String what, long value) {
        if (!condition) {
            throw new IllegalArgumentException(what + " " + value + " does not fit the 64-bit position encoding");
        }
    }
}
