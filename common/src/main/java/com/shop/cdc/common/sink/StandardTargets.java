package com.shop.cdc.common.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.sink.redis.RedisChangeWriter;
import com.shop.cdc.common.sink.redis.RedisSinkConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseTable;
import io.vertx.mutiny.redis.client.Redis;
import java.util.List;

/** Builds the Redis + warehouse targets of a domain sink from configuration, failing fast on a bad one. */
public final class StandardTargets {

    private StandardTargets() {
    }

    public static Targets redisAndWarehouse(Redis redis, ObjectMapper json, RedisSinkConfig redisConfig,
                                            WarehouseConfig warehouse, PipelineConfig pipeline) {
        List<WarehouseTable> tables = WarehouseConfig.tables(warehouse);
        boolean hashes = tables.stream().anyMatch(table -> !table.hashed().isEmpty());
        if (hashes && pipeline.hashSalt().filter(salt -> !salt.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("cdc.warehouse.tables.*.hash needs a salt: set cdc.pipeline.hash-salt");
        }
        String url = warehouse.jdbcUrl().orElseThrow(() ->
                new IllegalArgumentException("cdc.warehouse.jdbc-url is required when tables are configured"));
        return new Targets(List.of(
                new RedisChangeWriter(redis, json, RedisSinkConfig.tables(redisConfig), redisConfig.tombstoneTtl()),
                new WarehouseChangeWriter(url, warehouse.dialect(), json, tables, pipeline.hashSalt().orElse(""))));
    }
}
