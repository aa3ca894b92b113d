package com.shop.cdc.common.sink.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** COPY stages exactly what the batched binds stage, on the local PostgreSQL, for every column type and awkward value. */
class PostgresCopyLoaderIT {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @Test
    void copyStagesWhatBindsStage() throws Exception {
        List<WarehouseRow> rows = List.of(
                row(1, Map.of("text", "plain", "number", 42L, "amount", new BigDecimal("12345678.90"), "ratio", 0.1,
                        "flag", true, "day", LocalDate.of(2024, 2, 29), "moment", Instant.parse("2024-01-15T08:30:00.123456Z"),
                        "clock", LocalTime.of(23, 59, 59, 999_999_000), "doc", "{\"a\": [1, 2.50, \"x\"]}", "small", 7)),
                row(2, Map.of("text", "tab\there\nnew line\r\\N back\\slash \u00e9\u4e2d\ud83d\ude00", "number", Long.MIN_VALUE,
                        "amount", new BigDecimal("-0.01"), "ratio", Double.NaN, "flag", false, "day", LocalDate.of(1, 1, 1),
                        "moment", Instant.parse("1970-01-01T00:00:00Z"), "clock", LocalTime.MIDNIGHT, "doc", "\"\\\\.\"", "small", -1)),
                row(3, Map.of("ratio", Double.POSITIVE_INFINITY, "amount", new BigDecimal("1E+3"), "text", "\\.",
                        "moment", Instant.parse("9999-12-31T23:59:59.999999Z"), "clock", LocalTime.of(8, 30))),
                row(4, Map.of("ratio", -1.0E-300, "text", "")),
                row(5, Map.of("text", "lone \ud800 and \udc00 halves, \u07ff\u0800\uffff\udbff\udfff")));
        assertThat(staged(new PostgresCopyLoader(), rows)).isEqualTo(staged(new JdbcBatchLoader(), rows));
    }

    /** A batch whose text spans many COPY messages, with characters of every UTF-8 length across their borders. */
    @Test
    void aLargeBatchIsStagedWhole() throws Exception {
        PostgresCopyLoader loader = new PostgresCopyLoader();
        for (int batch = 1; batch <= 2; batch++) { // the second sized from the first
            List<WarehouseRow> rows = new ArrayList<>();
            for (int id = 1; id <= 600; id++) {
                rows.add(row(id, Map.of("text", ("a\u00e9\u4e2d\ud83d\ude00\t").repeat(40 * batch + id % 7), "number", (long) id)));
            }
            assertThat(staged(loader, rows)).isEqualTo(staged(new JdbcBatchLoader(), rows));
        }
    }

    /** Values COPY's text would spell differently from the driver: the batch goes through binds, equal all the same. */
    @Test
    void aBatchWithValuesBeyondTheTextFormIsStagedWithBinds() throws Exception {
        List<WarehouseRow> rows = List.of(row(1, Map.of("text", "a", "moment", Instant.parse("2024-01-15T08:30:00.123456789Z"))),
                row(2, Map.of("day", LocalDate.of(-44, 3, 15), "clock", LocalTime.of(1, 2, 3, 500))),
                row(3, Map.of("day", LocalDate.of(12024, 1, 1))),
                row(4, Map.of("moment", Instant.parse("+10000-01-01T00:00:00Z"))));
        for (WarehouseRow row : rows) {
            assertThat(staged(new PostgresCopyLoader(), List.of(row))).isEqualTo(staged(new JdbcBatchLoader(), List.of(row)));
        }
    }

    private static WarehouseRow row(long id, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.put("id", id);
        return new WarehouseRow(all, 1000 + id, id % 2 == 0, id % 2 == 0 ? "d" : "u",
                Instant.parse("2024-06-01T12:00:00.5Z"), id == 1 ? Set.of("doc") : Set.of());
    }

    private static List<Map<String, String>> staged(StageLoader loader, List<WarehouseRow> rows) throws Exception {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("id", ColumnType.of(ColumnType.Kind.BIGINT));
        columns.put("text", ColumnType.of(ColumnType.Kind.VARCHAR));
        columns.put("number", ColumnType.of(ColumnType.Kind.BIGINT));
        columns.put("small", ColumnType.of(ColumnType.Kind.INTEGER));
        columns.put("amount", ColumnType.parse("decimal(20,2)"));
        columns.put("ratio", ColumnType.of(ColumnType.Kind.DOUBLE));
        columns.put("flag", ColumnType.of(ColumnType.Kind.BOOLEAN));
        columns.put("day", ColumnType.of(ColumnType.Kind.DATE));
        columns.put("moment", ColumnType.of(ColumnType.Kind.TIMESTAMP));
        columns.put("clock", ColumnType.of(ColumnType.Kind.TIME));
        columns.put("doc", ColumnType.of(ColumnType.Kind.JSON));
        TableSpec table = new TableSpec("COPY_IT", List.of("id"), columns);
        MergeSql sql = new MergeSql(WarehouseDialect.POSTGRESQL, table);
        try (Connection db = DriverManager.getConnection(URL); Statement statement = db.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute(sql.createStage());
            loader.load(db, sql, table, rows);
            List<Map<String, String>> staged = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT * FROM " + sql.stageName() + " ORDER BY _source_pos")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), rs.getString(i));
                    }
                    staged.add(row);
                }
            }
            assertThat(staged).hasSize(rows.size());
            return staged;
        }
    }
}
