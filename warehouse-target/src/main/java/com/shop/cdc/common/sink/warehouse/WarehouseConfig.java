package com.shop.cdc.common.sink.warehouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The warehouse a service writes and the tables it keeps there. */
@ConfigMapping(prefix = "cdc.warehouse")
public interface WarehouseConfig {

    /** duckdb (the local default), postgresql or snowflake. */
    @WithDefault("duckdb")
    WarehouseDialect dialect();

    /** JDBC URL; DuckDB files take one writing process each, so each service has its own file. */
    Optional<String> jdbcUrl();

    /**
     * How long one statement may go unanswered before the warehouse counts as unavailable (a hung
     * server); the batch then waits and is retried. Above the longest healthy MERGE of a batch.
     */
    @WithDefault("PT2M")
    Duration statementTimeout();

    /** Keyed by warehouse table name, e.g. {@code tables.USERS}. */
    Map<String, Table> tables();

    interface Table {

        /** The source table, {@code [database.][schema.]table} (e.g. {@code public.users}; see TableRoutes). */
        String source();

        /** Primary-key columns. */
        List<String> keys();

        /** Declared columns and their types: bigint, integer, decimal(p;s), double, boolean, varchar, date, timestamp, time, json. */
        Map<String, String> columns();

        /** Source fields that never reach the warehouse (e.g. phone). */
        Optional<Set<String>> exclude();

        /** Source fields stored as salted SHA-256 pseudonyms (e.g. email); needs cdc.pipeline.hash-salt. */
        Optional<Set<String>> hash();
    }

    /** @throws IllegalArgumentException naming the property at fault */
    static List<WarehouseTable> tables(WarehouseConfig config) {
        List<WarehouseTable> tables = new ArrayList<>();
        config.tables().forEach((name, table) -> {
            Map<String, ColumnType> columns = new LinkedHashMap<>();
            table.keys().forEach(key -> columns.put(key, null));
            table.columns().forEach((column, type) -> {
                try {
                    columns.put(column, ColumnType.parse(type.replace(';', ',')));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cdc.warehouse.tables." + name + ".columns." + column + ": " + e.getMessage());
                }
            });
            columns.forEach((column, type) -> {
                if (type == null) {
                    throw new IllegalArgumentException("cdc.warehouse.tables." + name + ".columns." + column
                            + " is missing: every key column needs a type");
                }
            });
            tables.add(new WarehouseTable(table.source(), new TableSpec(name, table.keys(), columns),
                    table.exclude().orElse(Set.of()), table.hash().orElse(Set.of())));
        });
        return tables;
    }
}
