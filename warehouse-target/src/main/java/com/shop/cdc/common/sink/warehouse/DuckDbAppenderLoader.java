package com.shop.cdc.common.sink.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Stages rows through DuckDB's Appender: columnar and about two orders of magnitude faster than batched binds. */
final class DuckDbAppenderLoader implements StageLoader {

    @Override
    public void load(Connection connection, MergeSql sql, TableSpec table, List<WarehouseRow> rows) throws SQLException {
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(sql.stageName())) {
            for (WarehouseRow row : rows) {
                appender.beginRow();
                for (Map.Entry<String, ColumnType> column : table.columns().entrySet()) {
                    append(appender, column.getValue(), row.values().get(column.getKey()));
                }
                appender.append(row.position());
                appender.append(row.deleted());
                appender.append(row.operation());
                append(appender, ColumnType.of(ColumnType.Kind.TIMESTAMP), row.sourceTimestamp());
                appender.append(StageLoader.unchangedList(row));
                appender.endRow();
            }
        }
    }

    private static void append(DuckDBAppender appender, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type.kind()) {
            case BIGINT -> appender.append(((Number) value).longValue());
            case INTEGER -> appender.append(((Number) value).intValue());
            case DECIMAL -> appender.append((BigDecimal) value);
            case DOUBLE -> appender.append(((Number) value).doubleValue());
            case BOOLEAN -> appender.append((boolean) (Boolean) value);
            case DATE -> appender.append((LocalDate) value);
            case TIME -> appender.append((LocalTime) value);
            case TIMESTAMP -> appender.append(((Instant) value).atOffset(ZoneOffset.UTC));
            case VARCHAR, JSON -> appender.append(value.toString());
        }
    }
}
