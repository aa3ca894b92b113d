package com.shop.cdc.common.sink.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Stages rows with batched binds: one statement text, many parameter sets, never inline values. */
final class JdbcBatchLoader implements StageLoader {

    @Override
    public void load(Connection connection, MergeSql sql, TableSpec table, List<WarehouseRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql.insertIntoStage())) {
            for (WarehouseRow row : rows) {
                int index = 1;
                for (Map.Entry<String, ColumnType> column : table.columns().entrySet()) {
                    bind(insert, index++, column.getValue(), row.values().get(column.getKey()));
                }
                insert.setLong(index++, row.position());
                insert.setBoolean(index++, row.deleted());
                insert.setString(index++, row.operation());
                bind(insert, index++, ColumnType.of(ColumnType.Kind.TIMESTAMP), row.sourceTimestamp());
                insert.setString(index, StageLoader.unchangedList(row));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Binds one value of a column of this type; the SQL names the type, never the value. */
    static void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
            return;
        }
        switch (type.kind()) {
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case INTEGER -> statement.setInt(index, ((Number) value).intValue());
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case DATE -> statement.setObject(index, (LocalDate) value);
            case TIME -> statement.setObject(index, (LocalTime) value);
            case TIMESTAMP -> statement.setTimestamp(index, Timestamp.from((Instant) value));
            case VARCHAR, JSON -> statement.setString(index, value.toString());
        }
    }
}
