package com.shop.cdc.common.sink.lake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The lake a service writes: its Iceberg catalog, its S3 storage, and the tables it keeps there (docs/lake.md). */
@ConfigMapping(prefix = "cdc.lake")
public interface LakeConfig {

    Catalog catalog();

    S3 s3();

    /** Where new tables' files go, e.g. {@code s3://lake/warehouse}. */
    @WithDefault("s3://lake/warehouse")
    String warehouse();

    /** The catalog namespace of the tables; their delete markers live in {@code <namespace>_deletes}. */
    @WithDefault("cdc")
    String namespace();

    /**
     * The least time between two commits of one table: a write waits for it, so the batches the pipeline queues
     * meanwhile go out together as one larger commit.
     */
    @WithDefault("PT10S")
    Duration commitInterval();

    /** Keyed by Iceberg table name, e.g. {@code tables.users}. */
    Map<String, Table> tables();

    Maintenance maintenance();

    /** Compaction, snapshot expiry and orphan cleanup, between the writer's commits (docs/lake.md, "Maintenance"). */
    interface Maintenance {

        /** How often each table is looked at; it is only compacted when it has {@link #minFiles()} files. */
        @WithDefault("PT10M")
        Duration every();

        @WithDefault("20")
        int minFiles();

        /** Bytes; 128 MiB. */
        @WithDefault("134217728")
        long targetFileSize();

        @WithDefault("PT1H")
        Duration snapshotAge();

        @WithDefault("10")
        int retainSnapshots();

        @WithDefault("P1D")
        Duration orphanAge();
    }

    interface Catalog {

        /** jdbc (the local default, on PostgreSQL) or rest. */
        @WithDefault("jdbc")
        String type();

        /** The catalog's name in Iceberg's metadata. */
        @WithDefault("lake")
        String name();

        /** jdbc: the catalog database's JDBC URL; rest: the catalog's base URL. */
        String uri();

        /** jdbc: the catalog database's user. */
        Optional<String> user();

        /** jdbc: the catalog database's password. */
        Optional<String> password();

        /** Further Iceberg catalog properties, passed as they are (e.g. {@code properties."jdbc.socketTimeout"=60}). */
        Map<String, String> properties();
    }

    interface S3 {

        /** An S3-compatible endpoint (S3Proxy, MinIO); AWS's own when absent. */
        Optional<String> endpoint();

        @WithDefault("true")
        boolean pathStyleAccess();

        @WithDefault("us-east-1")
        String region();

        /** Static keys; the AWS SDK's default credential chain when absent. */
        Optional<String> accessKey();

        Optional<String> secretKey();
    }

    interface Table {

        /** The source table, {@code [database.][schema.]table} (e.g. {@code public.users}; see TableRoutes). */
        String source();

        /** Primary-key columns: the table's identifier fields. */
        List<String> keys();

        /**
         * Declared column types, where the value alone does not tell (e.g. {@code columns.balance=decimal(12;2)}):
         * long, int, decimal(p;s), double, boolean, string, json, date, time, timestamp, timestamptz, binary.
         * Other columns take their type from their first non-null value.
         */
        Map<String, String> columns();

        /** Source fields that never reach the lake (e.g. phone). */
        Optional<Set<String>> exclude();
    }
}
