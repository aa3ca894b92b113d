package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** The tests' lake: the local PostgreSQL as the JDBC catalog (database lake_catalog_test), a test's own S3Proxy. */
final class LakeTestCatalog {

    static final String DATABASE = "lake_catalog_test";
    static final ObjectMapper JSON = new ObjectMapper();

    private LakeTestCatalog() {
    }

    /** Creates the tests' catalog database when missing. */
    static void createDatabase() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
             Statement statement = db.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    static LakeSettings settings(S3ProxyServer s3, String namespace, Duration commitInterval, List<LakeSettings.TableSettings> tables) {
        Map<String, String> catalog = new java.util.HashMap<>(Map.of(
                "type", "jdbc",
                "uri", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "jdbc.user", "postgres",
                "jdbc.password", "postgres",
                "jdbc.schema-version", "V1",
                "warehouse", "s3://" + S3ProxyServer.BUCKET + "/" + namespace,
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint", s3.endpoint(),
                "s3.path-style-access", "true",
                "client.region", "us-east-1"));
        catalog.putAll(Map.of(
                "s3.access-key-id", S3ProxyServer.ACCESS_KEY,
                "s3.secret-access-key", S3ProxyServer.SECRET_KEY,
                "http-client.type", "urlconnection",
                "http-client.urlconnection.connection-timeout-ms", "2000",
                "http-client.urlconnection.socket-timeout-ms", "10000",
                "s3.retry.num-retries", "1",
                "s3.retry.min-wait-ms", "100",
                "s3.retry.max-wait-ms", "200"));
        return new LakeSettings(catalog, "lake", namespace, commitInterval, tables);
    }

    /** A catalog of its own, as a reader of the lake would have. */
    static Reader reader(LakeSettings settings) {
        return new Reader(CatalogUtil.buildIcebergCatalog(settings.catalogName(), settings.catalog(), null));
    }

    record Reader(Catalog catalog) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
