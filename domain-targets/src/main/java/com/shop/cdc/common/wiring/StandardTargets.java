package com.shop.cdc.common.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.sink.redis.RedisChangeWriter;
import com.shop.cdc.common.sink.redis.RedisMode;
import com.shop.cdc.common.sink.redis.RedisSinkConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseTable;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.Targets;
import io.vertx.mutiny.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the Redis and warehouse targets of a domain sink from configuration, those that
 * {@code cdc.pipeline.targets} selects, failing fast on a bad one.
 */
public final class StandardTargets {

    private static final Set<String> KNOWN = Set.of("redis", "warehouse");

    private StandardTargets() {
    }

    /** @param redisMode how {@code redis} reaches Redis (one master or a cluster), see {@link RedisMode#of} */
    public static Targets configured(Redis redis, RedisMode redisMode, ObjectMapper json, RedisSinkConfig redisConfig,
                                     WarehouseConfig warehouse, PipelineConfig pipeline) {
        List<String> selected = PipelineConfig.selectedTargets(pipeline);
        if (selected.isEmpty() || !KNOWN.containsAll(selected)) {
            throw new IllegalArgumentException("cdc.pipeline.targets must name one or both of redis, warehouse, not "
                    + String.join(",", pipeline.targets()));
        }
        List<ChangeWriter> writers = new ArrayList<>();
        if (selected.contains("redis")) {
            writers.add(new RedisChangeWriter(redis, redisMode, json, RedisSinkConfig.tables(redisConfig),
                    redisConfig.tombstoneTtl(), RedisChangeWriter.backfillThread(), redisConfig.commandTimeout()));
        }
        if (selected.contains("warehouse")) {
            writers.add(warehouse(json, warehouse, pipeline));
        }
        return new Targets(writers);
    }

    private static WarehouseChangeWriter warehouse(ObjectMapper json, WarehouseConfig warehouse, PipelineConfig pipeline) {
        List<WarehouseTable> tables = WarehouseConfig.tables(warehouse);
        boolean hashes = tables.stream().anyMatch(table -> !table.hashed().isEmpty());
        if (hashes && pipeline.hashSalt().filter(salt -> !salt.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("cdc.warehouse.tables.*.hash needs a salt: set cdc.pipeline.hash-salt");
        }
        String url = warehouse.jdbcUrl().orElseThrow(() ->
                new IllegalArgumentException("cdc.warehouse.jdbc-url is required when tables are configured"));
        return new WarehouseChangeWriter(url, warehouse.dialect(), json, tables, pipeline.hashSalt().orElse(""),
                warehouse.statementTimeout());
    }
}
