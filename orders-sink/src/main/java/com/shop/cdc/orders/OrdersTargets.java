package com.shop.cdc.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.sink.StandardTargets;
import com.shop.cdc.common.sink.Targets;
import com.shop.cdc.common.sink.redis.RedisSinkConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseConfig;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This service's targets: Redis, then the warehouse, or one of them ({@code cdc.pipeline.targets}), as configured. */
@ApplicationScoped
public class OrdersTargets {

    @Produces
    @Singleton
    @Startup
    Targets targets(Redis redis, ObjectMapper json, RedisSinkConfig redisConfig, WarehouseConfig warehouse,
                    PipelineConfig pipeline) {
        return StandardTargets.configured(redis, json, redisConfig, warehouse, pipeline);
    }
}
