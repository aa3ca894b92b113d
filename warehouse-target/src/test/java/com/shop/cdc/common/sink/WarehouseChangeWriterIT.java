package com.shop.cdc.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.sink.warehouse.ColumnType;
import com.shop.cdc.common.sink.warehouse.TableSpec;
import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseDialect;
import com.shop.cdc.common.sink.warehouse.WarehouseTable;
import com.shop.cdc.common.target.WriteOutcome;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guarded MERGE on the embedded DuckDB file and on the local PostgreSQL. */
class WarehouseChangeWriterIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> warehouses() throws Exception {
        Path duckdb = Files.createTempDirectory("warehouse-it").resolve("it.duckdb");
        return Stream.of(Arguments.of(WarehouseDialect.DUCKDB, "jdbc:duckdb:" + duckdb),
                Arguments.of(WarehouseDialect.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void shuffledDuplicatedDeliveryEndsEqualToTheSource(WarehouseDialect dialect, String url) throws Exception {
        Fixture it = new Fixture(dialect, url);
        List<ChangeEvent> history = Changes.history(it.source, 300, 6, 11);
        for (List<ChangeEvent> batch : Changes.batches(Changes.shuffledWithDuplicates(history, 3), 250)) {
            it.writer.write(batch);
        }
        Map<Long, Map<String, Object>> rows = it.rows();
        Changes.latest(history).forEach((id, change) -> {
            Map<String, Object> row = rows.get((Long) id);
            assertThat(row).as("row %s keeps its delete marker or its newest state", id).isNotNull();
            assertThat(row.get("_source_pos")).isEqualTo(change.position().value());
            if (change.after() == null) {
                assertThat(row.get("_deleted")).isEqualTo(true);
            } else {
                assertThat(row.get("_deleted")).isEqualTo(false);
                assertThat(row.get("email")).isEqualTo(FieldHash.of(change.after().get("email")));
                assertThat(((BigDecimal) row.get("balance")).compareTo((BigDecimal) change.after().get("balance"))).isZero();
            }
        });
        assertThat(rows).hasSize(Changes.latest(history).size());
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void lateOlderUpsertsTruncatesAndUnchangedColumns(WarehouseDialect dialect, String url) throws Exception {
        Fixture it = new Fixture(dialect, url);
        it.writer.write(List.of(Changes.upsert(it.source, 1, 100, Map.of("email", "a@x.io", "balance", new BigDecimal("1.00"))),
                Changes.delete(it.source, 1, 300, Map.of())));
        it.writer.write(List.of(Changes.upsert(it.source, 1, 200, Map.of("email", "late@x.io", "balance", BigDecimal.TEN))));
        assertThat(it.rows().get(1L)).containsEntry("_deleted", true).containsEntry("_source_pos", 600L + 1);

        Map<String, Object> partial = new HashMap<>(Map.of("email", "b@x.io", "balance", new BigDecimal("2.50")));
        it.writer.write(List.of(Changes.upsert(it.source, 2, 400, partial)));
        partial.put("balance", Unavailable.VALUE);
        partial.put("email", "c@x.io");
        it.writer.write(List.of(Changes.upsert(it.source, 2, 410, partial)));
        assertThat((BigDecimal) it.rows().get(2L).get("balance")).isEqualByComparingTo("2.50");

        it.writer.write(List.of(Changes.upsert(it.source, 3, 900, Map.of("email", "after@x.io", "balance", BigDecimal.ONE)),
                Changes.truncate(it.source, 500)));
        it.writer.write(List.of(Changes.upsert(it.source, 4, 450, Map.of("email", "old@x.io", "balance", BigDecimal.ONE))));
        Map<Long, Map<String, Object>> rows = it.rows();
        assertThat(rows.get(2L)).containsEntry("_deleted", true).containsEntry("_op", "t");
        assertThat(rows.get(3L)).as("written after the truncate, processed before it").containsEntry("_deleted", false);
        assertThat(rows).as("older than the truncate, delivered late").doesNotContainKey(4L);
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void newSourceFieldsBecomeColumnsAndMisfitsAreRejected(WarehouseDialect dialect, String url) throws Exception {
        Fixture it = new Fixture(dialect, url);
        Map<String, Object> row = new LinkedHashMap<>(Map.of("email", "a@x.io", "balance", BigDecimal.ONE));
        row.put("referral_code", "NONE");
        assertThat(it.writer.write(List.of(Changes.upsert(it.source, 1, 100, row)))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(it.rows().get(1L)).containsEntry("referral_code", "NONE");
        row.put("referral_code", "FRIEND");
        assertThat(it.newWriter().write(List.of(Changes.upsert(it.source, 1, 105, row))))
                .as("after a restart the added column is found, not added twice").containsExactly(WriteOutcome.WRITTEN);
        assertThat(it.rows().get(1L)).containsEntry("referral_code", "FRIEND");
        Map<String, Object> misfit = new LinkedHashMap<>(Map.of("email", "a@x.io", "balance", "not a number"));
        assertThat(it.writer.write(List.of(Changes.upsert(it.source, 2, 110, misfit)))).singleElement().satisfies(outcome -> {
            assertThat(outcome.isRejected()).isTrue();
            assertThat(outcome.reason()).contains(it.table).contains("balance");
        });
        assertThat(it.rows()).doesNotContainKey(2L);
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void preparingCreatesTheDeclaredTableBeforeAnyWrite(WarehouseDialect dialect, String url) throws Exception {
        Fixture it = new Fixture(dialect, url);
        it.writer.prepare();
        assertThat(it.rows()).isEmpty(); // the table is there: selecting from it does not fail
        it.writer.write(List.of(Changes.upsert(it.source, 1, 100, Map.of("email", "a@x.io", "balance", BigDecimal.ONE))));
        assertThat(it.rows()).containsKey(1L);
    }

    /** The users table as the warehouse keeps it: the phone never, the email pseudonymised. */
    static final class Fixture {
        final String table = "USERS_IT" + Math.abs(System.nanoTime() % 1_000_000_000L);
        final SourceTable source = new SourceTable("it", "public", table.toLowerCase());
        final String url;
        final WarehouseDialect dialect;
        final WarehouseChangeWriter writer;

        Fixture(WarehouseDialect dialect, String url) {
            this.url = url;
            this.dialect = dialect;
            this.writer = newWriter();
        }

        /** A writer as a restarted service builds it, knowing only the declared columns. */
        WarehouseChangeWriter newWriter() {
            Map<String, ColumnType> columns = new LinkedHashMap<>();
            columns.put("id", ColumnType.parse("bigint"));
            columns.put("email", ColumnType.parse("varchar"));
            columns.put("balance", ColumnType.parse("decimal(12,2)"));
            return new WarehouseChangeWriter(url, dialect, JSON, List.of(new WarehouseTable(source.qualifiedName(),
                    new TableSpec(table, List.of("id"), columns), Set.of("phone"), Set.of("email"))), FieldHash.SALT);
        }

        Map<Long, Map<String, Object>> rows() throws Exception {
            Map<Long, Map<String, Object>> rows = new HashMap<>();
            try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i).toLowerCase(), rs.getObject(i));
                    }
                    rows.put(((Number) row.get("id")).longValue(), row);
                }
            }
            return rows;
        }
    }

    /** What the warehouse's pseudonymised email must be. */
    static final class FieldHash {
        static final String SALT = "warehouse-it-salt";

        static String of(Object email) {
            Map<String, Object> row = new HashMap<>(Map.of("email", email));
            com.shop.cdc.common.transform.FieldTransforms.hash("email", SALT).apply(row);
            return (String) row.get("email");
        }
    }
}
