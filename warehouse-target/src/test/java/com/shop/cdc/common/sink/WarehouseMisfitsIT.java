package com.shop.cdc.common.sink;

import static com.shop.cdc.common.sink.WarehouseTestTable.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseDialect;
import com.shop.cdc.common.target.WriteOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value its column cannot hold is refused for its own change, saying table, column, value and what
 * fits; it neither fails the batch (retried forever) nor is stored as something else.
 */
class WarehouseMisfitsIT {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> warehouses() throws Exception {
        return WarehouseTestTable.warehouses();
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void aValueOutsideItsColumnIsRejectedAloneAndTheBatchIsWritten(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "age", "integer", "born", "date", "seen", "timestamp",
                "name", "varchar", "balance", "decimal(6;2)");
        WarehouseChangeWriter writer = it.writer();
        List<WriteOutcome> outcomes = writer.write(List.of(
                it.upsert(1, 100, row("age", 42L, "born", LocalDate.of(1990, 1, 1), "name", "fine")),
                it.upsert(2, 110, row("age", 3_000_000_000L)),
                it.upsert(3, 120, row("born", LocalDate.of(6_000_000, 1, 1))),
                it.upsert(4, 130, row("seen", Instant.parse("+300000-01-01T00:00:00Z"))),
                it.upsert(5, 140, row("balance", new java.math.BigDecimal("123456.78"))),
                it.upsert(6, 150, row("age", 7L, "name", "also fine"))));
        assertThat(outcomes.get(0)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcomes.get(5)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcomes.get(1).reason()).contains(it.table, "column age INTEGER", "3000000000", "-2147483648 to 2147483647");
        assertThat(outcomes.get(2).reason()).contains(it.table, "column born DATE", "+6000000-01-01", "holds");
        assertThat(outcomes.get(3).reason()).contains(it.table, "column seen TIMESTAMP", "+300000-01-01T00:00:00Z", "holds");
        assertThat(outcomes.get(4).reason()).contains(it.table, "column balance DECIMAL(6,2)", "123456.78",
                "up to 4 digits before the point and 2 after");
        assertThat(it.rows()).containsOnlyKeys(1L, 6L);
        assertThat(it.rows().get(1L)).containsEntry("age", 42);
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void textAndJsonThatTheWarehouseCannotHoldAreRejected(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "name", "varchar", "doc", "json");
        List<WriteOutcome> outcomes = it.writer().write(List.of(
                it.upsert(1, 100, row("name", "nul\u0000inside")),
                it.upsert(2, 110, row("doc", java.util.Map.of("k", "nul\u0000inside"))),
                it.upsert(3, 120, row("name", "a backslash-u0000 is text: \\u0000", "doc", java.util.Map.of("k", "\\u0000")))));
        if (dialect == WarehouseDialect.POSTGRESQL) {
            assertThat(outcomes.get(0).reason()).contains(it.table, "column name VARCHAR", "U+0000");
            assertThat(outcomes.get(1).reason()).contains(it.table, "column doc JSON", "U+0000");
            assertThat(it.rows()).containsOnlyKeys(3L);
        } else {
            assertThat(outcomes).containsOnly(WriteOutcome.WRITTEN);
            assertThat(it.rows().get(1L)).containsEntry("name", "nul\u0000inside");
        }
        assertThat(outcomes.get(2)).isEqualTo(WriteOutcome.WRITTEN);
    }
}
