package com.shop.cdc.common.sink.lake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;

/**
 * The lake writer's settings, checked: a bad one fails the start-up naming its property.
 *
 * @param catalog        Iceberg catalog properties: type, uri, warehouse, io-impl and S3FileIO's, as Iceberg names them
 * @param catalogName    the catalog's name
 * @param namespace      the tables' namespace
 * @param commitInterval the least time between two commits of one table
 * @param tables         the tables kept
 */
public record LakeSettings(Map<String, String> catalog, String catalogName, String namespace, Duration commitInterval,
                           List<TableSettings> tables) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

    /**
     * One table.
     *
     * @param name    the Iceberg table's name
     * @param source  the source table, as TableRoutes matches it
     * @param keys    the key columns, in order
     * @param columns declared column types
     * @param exclude source fields left out
     */
    public record TableSettings(String name, String source, List<String> keys, Map<String, Type> columns, Set<String> exclude) {
    }

    public LakeSettings {
        catalog = Map.copyOf(catalog);
        tables = List.copyOf(tables);
        requireName(namespace, "cdc.lake.namespace");
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("cdc.lake.commit-interval must not be negative: " + commitInterval);
        }
    }

    /** @throws IllegalArgumentException naming the property at fault */
    public static LakeSettings from(LakeConfig config) {
        Map<String, String> catalog = new HashMap<>();
        // Bounded waits: an unreachable store or catalog makes the target unavailable within seconds, not minutes.
        catalog.put("http-client.type", "urlconnection");
        catalog.put("http-client.urlconnection.connection-timeout-ms", "5000");
        catalog.put("http-client.urlconnection.socket-timeout-ms", "30000");
        catalog.put("s3.retry.num-retries", "3");
        catalog.put("s3.retry.min-wait-ms", "200");
        catalog.put("s3.retry.max-wait-ms", "2000");
        String type = config.catalog().type();
        if (!type.equals("jdbc") && !type.equals("rest")) {
            throw new IllegalArgumentException("cdc.lake.catalog.type must be jdbc or rest, not '" + type + "'");
        }
        if (type.equals("jdbc")) {
            catalog.put("jdbc.schema-version", "V1");
            catalog.put("jdbc.connectTimeout", "5");
            catalog.put("jdbc.loginTimeout", "5");
            catalog.put("jdbc.socketTimeout", "60");
            config.catalog().user().ifPresent(user -> catalog.put("jdbc.user", user));
            config.catalog().password().ifPresent(password -> catalog.put("jdbc.password", password));
        }
        catalog.put("type", type);
        catalog.put("uri", config.catalog().uri());
        catalog.put("warehouse", config.warehouse());
        catalog.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        config.s3().endpoint().ifPresent(endpoint -> catalog.put("s3.endpoint", endpoint));
        catalog.put("s3.path-style-access", String.valueOf(config.s3().pathStyleAccess()));
        catalog.put("client.region", config.s3().region());
        config.s3().accessKey().ifPresent(key -> catalog.put("s3.access-key-id", key));
        config.s3().secretKey().ifPresent(key -> catalog.put("s3.secret-access-key", key));
        catalog.putAll(config.catalog().properties());
        List<TableSettings> tables = new ArrayList<>();
        config.tables().forEach((name, table) -> tables.add(table(name, table)));
        return new LakeSettings(catalog, config.catalog().name(), config.namespace(), config.commitInterval(), tables);
    }

    private static TableSettings table(String name, LakeConfig.Table table) {
        String property = "cdc.lake.tables." + name;
        requireName(name, property);
        if (table.keys().isEmpty()) {
            throw new IllegalArgumentException(property + ".keys must name at least one key column");
        }
        Map<String, Type> columns = new LinkedHashMap<>();
        table.columns().forEach((column, declared) -> {
            try {
                columns.put(column, LakeValues.parse(declared));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ".columns." + column + ": " + e.getMessage());
            }
        });
        Set<String> exclude = table.exclude().orElse(Set.of());
        for (String key : table.keys()) {
            if (exclude.contains(key)) {
                throw new IllegalArgumentException(property + ".exclude names the key column " + key);
            }
        }
        return new TableSettings(name, table.source(), List.copyOf(table.keys()), columns, Set.copyOf(exclude));
    }

    private static void requireName(String name, String property) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(property + ": '" + name
                    + "' is not a lake table name (lower-case letters, digits and _, not starting with a digit)");
        }
    }
}
