package com.shop.cdc.common.sink;

import static com.shop.cdc.common.sink.WarehouseTestTable.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseDialect;
import com.shop.cdc.common.target.WriteOutcome;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ALTER TABLE … ADD COLUMN c … DEFAULT x} fills every existing source row without a change event;
 * later events declare the default. The warehouse's rows read x where the source's do.
 */
class WarehouseDefaultsIT {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> warehouses() throws Exception {
        return WarehouseTestTable.warehouses();
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void aNewColumnGetsTheDeclaredDefaultForRowsWrittenBeforeIt(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "email", "varchar");
        WarehouseChangeWriter writer = it.writer();
        writer.write(List.of(it.upsert(1, 100, row("email", "a@x.io")), it.upsert(2, 110, row("email", "b@x.io"))));
        Map<String, Object> defaults = Map.of("tier", "basic", "note", "O'Brien \\ said \"hi\"; --",
                "since", LocalDate.of(2020, 2, 29), "seen", Instant.parse("2024-01-15T08:30:00.123456Z"),
                "credit", 7L, "ratio", new BigDecimal("1.50"));
        assertThat(writer.write(List.of(it.upsert(3, 500, row("email", "c@x.io", "tier", "gold", "note", null, "since", null,
                "seen", null, "credit", 1L, "ratio", new BigDecimal("2.25")), defaults)))).containsExactly(WriteOutcome.WRITTEN);

        Map<Long, Map<String, Object>> rows = it.rows();
        for (long id : new long[] {1, 2}) {
            assertThat(rows.get(id)).as("row %s, stored before the column", id).containsEntry("tier", "basic")
                    .containsEntry("note", "O'Brien \\ said \"hi\"; --").containsEntry("credit", 7L)
                    .containsEntry("ratio", "1.50");
            assertThat(text(rows.get(id).get("since"))).isEqualTo("2020-02-29");
            assertThat(instant(rows.get(id).get("seen"))).isEqualTo(Instant.parse("2024-01-15T08:30:00.123456Z"));
        }
        assertThat(rows.get(3L)).containsEntry("tier", "gold").containsEntry("note", null).containsEntry("since", null)
                .containsEntry("credit", 1L);

        writer.write(List.of(it.upsert(4, 120, row("email", "d@x.io")), // older than the column: delivered late
                it.upsert(5, 600, row("email", "e@x.io", "tier", null, "note", null, "since", null, "seen", null,
                        "credit", null, "ratio", null), defaults)));
        rows = it.rows();
        assertThat(rows.get(4L)).as("a change whose schema had no such field: the source filled it").containsEntry("tier", "basic")
                .containsEntry("credit", 7L);
        assertThat(rows.get(5L)).as("set to null at the source").containsEntry("tier", null).containsEntry("credit", null);
    }

    /** DuckDB, like PostgreSQL and Snowflake, fills existing rows when a column is added with a default. */
    @ParameterizedTest
    @MethodSource("warehouses")
    void addingAColumnWithADefaultFillsExistingRows(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url);
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE " + it.table + " (id BIGINT)");
            statement.execute("INSERT INTO " + it.table + " VALUES (1), (2)");
            statement.execute("ALTER TABLE " + it.table + " ADD COLUMN tier VARCHAR DEFAULT 'basic'");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + it.table + " WHERE tier = 'basic'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void aDeclaredColumnGetsTheDefaultOnceItIsKnownOnlyWhereRowsPredateIt(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "email", "varchar", "status", "varchar",
                "quota", "decimal(10;2)");
        WarehouseChangeWriter writer = it.writer();
        writer.write(List.of(it.upsert(1, 100, row("email", "a@x.io")), it.upsert(2, 110, row("email", "b@x.io")),
                it.upsert(8, 700, row("email", "h@x.io", "status", null, "quota", null))));
        Map<String, Object> defaults = Map.of("status", "active", "quota", new BigDecimal("10.5"));
        writer.write(List.of(it.upsert(3, 500, row("email", "c@x.io", "status", "new", "quota", BigDecimal.ONE), defaults),
                it.upsert(9, 550, row("email", "i@x.io", "status", null, "quota", null), defaults)));
        Map<Long, Map<String, Object>> rows = it.rows();
        assertThat(rows.get(1L)).containsEntry("status", "active");
        assertThat((BigDecimal) rows.get(2L).get("quota")).isEqualByComparingTo("10.50");
        assertThat(rows.get(3L)).containsEntry("status", "new");
        assertThat(rows.get(8L)).as("newer than the change that declared the default: its null is the source's")
                .containsEntry("status", null);
        assertThat(rows.get(9L)).containsEntry("status", null);

        it.writer().write(List.of(it.upsert(10, 900, row("email", "j@x.io", "status", "x", "quota", null), defaults)));
        assertThat(it.rows().get(9L)).as("after a restart the default is not given again").containsEntry("status", null);
    }

    private static String text(Object date) {
        return String.valueOf(date);
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
