package com.shop.cdc.common.sink.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Puts a batch of rows into the staging table of {@link MergeSql}; the fastest way differs per warehouse. */
interface StageLoader {

    void load(Connection connection, MergeSql sql, TableSpec table, List<WarehouseRow> rows) throws SQLException;

    static StageLoader forDialect(WarehouseDialect dialect) {
        return switch (dialect) {
            case DUCKDB -> new DuckDbAppenderLoader();
            case POSTGRESQL -> new PostgresCopyLoader();
            case SNOWFLAKE -> new JdbcBatchLoader();
        };
    }

    /** The staged text of the columns the source left out, as {@code ,a,b,} so the MERGE can test with LIKE. */
    static String unchangedList(WarehouseRow row) {
        return row.unchanged().isEmpty() ? "," : "," + String.join(",", row.unchanged()) + ",";
    }
}
