package com.shop.cdc.common.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.sink.redis.RedisMode;
import com.shop.cdc.common.sink.redis.RedisSinkConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseConfig;
import com.shop.cdc.common.target.Targets;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The domain sinks' targets: Redis, then the warehouse, or one of them ({@code cdc.pipeline.targets}),
 * as configured. A service with targets of its own (the indexer) does not depend on this module
 * and produces {@link Targets} itself.
 */
@ApplicationScoped
public class StandardTargetsProducer {

    /** The Redis client's own setting: in cluster mode the writer keeps to slots and nodes ({@link RedisMode}). */
    @ConfigProperty(name = RedisMode.PROPERTY, defaultValue = "standalone")
    String redisClientType;

    @Produces
    @Singleton
    @Startup
    Targets targets(Redis redis, ObjectMapper json, RedisSinkConfig redisConfig, WarehouseConfig warehouse,
                    PipelineConfig pipeline) {
        return StandardTargets.configured(redis, RedisMode.of(redisClientType), json, redisConfig, warehouse, pipeline);
    }
}
