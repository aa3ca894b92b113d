package com.shop.cdc.common.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.sink.warehouse.ColumnType;
import com.shop.cdc.common.sink.warehouse.TableSpec;
import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseDialect;
import com.shop.cdc.common.sink.warehouse.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** A fresh warehouse table keyed by {@code id}, its writer, its rows, and changes of it as a source sends them. */
final class WarehouseTestTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String table = "WH_IT" + Math.abs(System.nanoTime() % 1_000_000_000L);
    final SourceTable source = new SourceTable("it", "public", table.toLowerCase());
    final String url;
    final WarehouseDialect dialect;
    private final Map<String, ColumnType> columns = new LinkedHashMap<>();

    /** @param declared column names and types as configuration writes them, besides the key {@code id bigint} */
    WarehouseTestTable(WarehouseDialect dialect, String url, String... declared) {
        this.dialect = dialect;
        this.url = url;
        columns.put("id", ColumnType.parse("bigint"));
        for (int i = 0; i < declared.length; i += 2) {
            columns.put(declared[i], ColumnType.parse(declared[i + 1].replace(";", ",")));
        }
    }

    /** The embedded DuckDB file (under target/) and the local PostgreSQL. */
    static Stream<Arguments> warehouses() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "warehouse-it"));
        Path duckdb = Files.createTempFile(dir, "it", ".duckdb");
        Files.delete(duckdb);
        return Stream.of(Arguments.of(WarehouseDialect.DUCKDB, "jdbc:duckdb:" + duckdb.toAbsolutePath()),
                Arguments.of(WarehouseDialect.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
    }

    /** A writer as a (re)started service builds it, knowing only the declared columns. */
    WarehouseChangeWriter writer() {
        return new WarehouseChangeWriter(url, dialect, JSON,
                List.of(new WarehouseTable(source.qualifiedName(), new TableSpec(table, List.of("id"), columns), Set.of(), Set.of())),
                "salt");
    }

    ChangeEvent upsert(long id, long lsn, Map<String, Object> row) {
        return upsert(id, lsn, row, Map.of());
    }

    /** An update whose schema declares {@code defaults}; {@code row} holds every field of the schema (null ones too). */
    ChangeEvent upsert(long id, long lsn, Map<String, Object> row, Map<String, Object> defaults) {
        Map<String, Object> after = new LinkedHashMap<>(row);
        after.put("id", id);
        return new ChangeEvent(source, Map.of("id", id), Operation.UPDATE, null, after, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates("t", 0, lsn, 0), Map.of(), defaults);
    }

    ChangeEvent delete(long id, long lsn) {
        return new ChangeEvent(source, Map.of("id", id), Operation.DELETE, Map.of("id", id), null,
                SourcePosition.postgres(lsn, false), Instant.ofEpochMilli(lsn), null, false,
                new KafkaCoordinates("t", 0, lsn, 0), Map.of());
    }

    /** Every stored row (soft-deleted ones too) by id, column names in lower case. */
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

    /** A row image with nulls allowed, fields in the order given. */
    static Map<String, Object> row(Object... fieldsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return row;
    }
}
