package com.shop.cdc.workload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What the workload does and where; every property can be given as {@code -Dworkload.<name>=...}. */
@ConfigMapping(prefix = "workload")
public interface WorkloadConfig {

    /** {@code run} applies the workload; {@code check} compares every target with the source. */
    @WithDefault("run")
    String action();

    /** Folder of the sinks' DuckDB files ({@code check}). */
    @WithDefault(".stack")
    String warehouseDir();

    /**
     * JDBC URL of one warehouse database holding the checked domains' tables, e.g. the PostgreSQL
     * database several instances of a sink write ({@code check}); empty: the DuckDB files of warehouse-dir.
     */
    Optional<String> warehouseJdbcUrl();

    /** Elasticsearch, e.g. {@code http://127.0.0.1:9200}: when given, {@code check} compares the search indexes too. */
    Optional<String> elasticsearchUrl();

    /** Whether {@code check} compares the lake's Iceberg tables too (the catalog and store of {@code cdc.lake.*}). */
    @WithDefault("false")
    boolean lakeCheck();

    /** Number of source operations per domain (users, orders, products). */
    @WithDefault("2000")
    int count();

    /** Offered operations per second per domain; 0 means as fast as possible. */
    @WithDefault("500")
    int rate();

    /** Seed of the pseudo-random stream: the same seed gives the same operations. */
    @WithDefault("42")
    long seed();

    /** Which domains to drive (or to check), comma separated: users, orders, products. */
    @WithDefault("users,orders,products")
    java.util.Set<String> domains();

    /** Truncate the table once, a third of the way through (users: TRUNCATE users; orders: TRUNCATE order_items). */
    @WithDefault("true")
    boolean truncate();

    /**
     * Add a column with a default three fifths of the way through, once many rows exist (users:
     * {@code tier DEFAULT 'standard'}; orders: {@code channel DEFAULT 'web'}); skipped where it exists.
     */
    @WithDefault("true")
    boolean schemaChange();

    /** JDBC URL of the users source (PostgreSQL). */
    @WithDefault("jdbc:postgresql://127.0.0.1:5432/shop_users?user=postgres")
    String usersJdbcUrl();

    /** JDBC URL of the orders source (MariaDB). */
    @WithDefault("jdbc:mariadb://127.0.0.1:3306/shop_orders?user=root")
    String ordersJdbcUrl();

    /** Kafka bootstrap servers for the products topic. */
    @WithDefault("127.0.0.1:9092")
    String kafkaBootstrapServers();

    /** Topic the products generator writes, as the MongoDB connector would with topic.prefix=shop. */
    @WithDefault("shop.catalog.products")
    String productsTopic();

    /**
     * MongoDB cluster time (epoch seconds) of the first generated product change. Left empty, the
     * current time is used; give the printed value again to replay exactly the same events.
     */
    Optional<Long> productsClockStart();
}
