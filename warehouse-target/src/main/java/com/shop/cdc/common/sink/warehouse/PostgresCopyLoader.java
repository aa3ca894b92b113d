package com.shop.cdc.common.sink.warehouse;

import com.shop.cdc.common.event.IsoInstants;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stages rows with PostgreSQL's COPY (text format): one statement for the batch instead of an
 * INSERT executed per row. Values are written as PostgreSQL reads them back exactly; a batch
 * holding a value whose text would need more care — a date or instant outside years 1–9999
 * (BC and five-digit years are spelled otherwise), a time below the microsecond (which the
 * driver rounds its own way) — is staged with binds instead.
 */
final class PostgresCopyLoader implements StageLoader {

    private static final ColumnType TIMESTAMP = ColumnType.of(ColumnType.Kind.TIMESTAMP);
    /** The instants whose text has a four-digit year: from year 1 up to, not including, year 10000. */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    /** A COPY message's most bytes: the server reads a batch in pieces rather than as one message. */
    private static final int CHUNK = 1 << 16;
    /** The most a batch's text reserves before it is written: larger text grows as it comes. */
    private static final int MOST_RESERVED = 64 << 20;

    private final StageLoader binds = new JdbcBatchLoader();
    /** The bytes a row took in the previous batch, so that the next batch's text rarely grows. */
    private int bytesPerRow = 512;

    @Override
    public void load(Connection connection, MergeSql sql, TableSpec table, List<WarehouseRow> rows) throws SQLException {
        CopyText text = copyText(table, rows, new CopyText((int) Math.min(MOST_RESERVED, (long) rows.size() * bytesPerRow * 9 / 8)));
        if (text == null) {
            binds.load(connection, sql, table, rows);
            return;
        }
        bytesPerRow = Math.max(64, text.size() / Math.max(1, rows.size()));
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyIntoStage());
        try {
            for (int from = 0; from < text.size(); from += CHUNK) {
                copy.writeToCopy(text.bytes(), from, Math.min(CHUNK, text.size() - from));
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The rows as COPY's text, in the order of the stage's columns; null when a value has no such text here. */
    private static CopyText copyText(TableSpec table, List<WarehouseRow> rows, CopyText text) {
        for (WarehouseRow row : rows) {
            for (Map.Entry<String, ColumnType> column : table.columns().entrySet()) {
                if (!field(text, column.getValue(), row.values().get(column.getKey()))) {
                    return null;
                }
                text.ascii('\t');
            }
            text.number(row.position()).ascii('\t').ascii(row.deleted() ? 't' : 'f').ascii('\t');
            text.escaped(row.operation()).ascii('\t');
            if (!field(text, TIMESTAMP, row.sourceTimestamp())) {
                return null;
            }
            text.ascii('\t').escaped(StageLoader.unchangedList(row)).ascii('\n');
        }
        return text;
    }

    /** Appends the value as COPY's text format reads it; false when it has no such text here. */
    private static boolean field(CopyText text, ColumnType type, Object value) {
        if (value == null) {
            text.ascii("\\N");
            return true;
        }
        switch (type.kind()) {
            case BIGINT -> text.number(((Number) value).longValue());
            case INTEGER -> text.number(((Number) value).intValue());
            case DECIMAL -> text.ascii(((BigDecimal) value).toPlainString());
            // NaN, Infinity, -Infinity are PostgreSQL's spellings too
            case DOUBLE -> text.ascii(Double.toString(((Number) value).doubleValue()));
            case BOOLEAN -> text.ascii((Boolean) value ? 't' : 'f');
            case DATE -> {
                LocalDate date = (LocalDate) value;
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    return false;
                }
                text.ascii(date.toString());
            }
            case TIME -> {
                LocalTime time = (LocalTime) value;
                if (time.getNano() % 1_000 != 0) {
                    return false;
                }
                text.ascii(time.toString());
            }
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                if (instant.getNano() % 1_000 != 0 || instant.isBefore(FIRST) || !instant.isBefore(AFTER_LAST)) {
                    return false;
                }
                text.ascii(IsoInstants.format(instant));
            }
            case VARCHAR, JSON -> text.escaped(value.toString());
        }
        return true;
    }
}
