package com.shop.cdc.common.sink.warehouse;

import com.shop.cdc.common.event.IsoInstants;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

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

    private final StageLoader binds = new JdbcBatchLoader();

    @Override
    public void load(Connection connection, MergeSql sql, TableSpec table, List<WarehouseRow> rows) throws SQLException {
        String text = copyText(table, rows);
        if (text == null) {
            binds.load(connection, sql, table, rows);
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyIntoStage(), new StringReader(text));
        } catch (IOException e) {
            throw new SQLException("COPY into " + sql.stageName() + " failed", e);
        }
    }

    /** The rows as COPY's text, in the order of the stage's columns; null when a value has no such text here. */
    private static String copyText(TableSpec table, List<WarehouseRow> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (WarehouseRow row : rows) {
            for (Map.Entry<String, ColumnType> column : table.columns().entrySet()) {
                if (!field(text, column.getValue(), row.values().get(column.getKey()))) {
                    return null;
                }
                text.append('\t');
            }
            text.append(row.position()).append('\t').append(row.deleted() ? 't' : 'f').append('\t');
            escaped(text, row.operation());
            text.append('\t');
            if (!field(text, TIMESTAMP, row.sourceTimestamp())) {
                return null;
            }
            text.append('\t');
            escaped(text, StageLoader.unchangedList(row));
            text.append('\n');
        }
        return text.toString();
    }

    /** Appends the value as COPY's text format reads it; false when it has no such text here. */
    private static boolean field(StringBuilder text, ColumnType type, Object value) {
        if (value == null) {
            text.append("\\N");
            return true;
        }
        switch (type.kind()) {
            case BIGINT -> text.append(((Number) value).longValue());
            case INTEGER -> text.append(((Number) value).intValue());
            case DECIMAL -> text.append(((BigDecimal) value).toPlainString());
            case DOUBLE -> text.append(((Number) value).doubleValue()); // NaN, Infinity, -Infinity are PostgreSQL's spellings too
            case BOOLEAN -> text.append((Boolean) value ? 't' : 'f');
            case DATE -> {
                LocalDate date = (LocalDate) value;
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    return false;
                }
                text.append(date);
            }
            case TIME -> {
                LocalTime time = (LocalTime) value;
                if (time.getNano() % 1_000 != 0) {
                    return false;
                }
                text.append(time);
            }
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                if (instant.getNano() % 1_000 != 0 || instant.isBefore(FIRST) || !instant.isBefore(AFTER_LAST)) {
                    return false;
                }
                text.append(IsoInstants.format(instant));
            }
            case VARCHAR, JSON -> escaped(text, value.toString());
        }
        return true;
    }

    /** Backslash, tab, newline and carriage return are COPY's delimiters and escapes. */
    private static void escaped(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
