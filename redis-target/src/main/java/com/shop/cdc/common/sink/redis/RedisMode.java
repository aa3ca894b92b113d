package com.shop.cdc.common.sink.redis;

import java.util.Locale;

/**
 * How the Redis client reaches Redis, as {@code quarkus.redis.client-type} says: one master
 * (standalone, sentinel, replication) or a cluster, whose scripts, pipelines and scans the writer
 * keeps within hash slots and nodes.
 */
public enum RedisMode {
    STANDALONE,
    CLUSTER;

    public static final String PROPERTY = "quarkus.redis.client-type";

    /** @param clientType the value of {@value #PROPERTY} */
    public static RedisMode of(String clientType) {
        return switch (clientType.trim().toLowerCase(Locale.ROOT)) {
            case "standalone", "sentinel", "replication" -> STANDALONE;
            case "cluster" -> CLUSTER;
            default -> throw new IllegalArgumentException(PROPERTY + " must be one of standalone, sentinel, replication, cluster, not "
                    + clientType);
        };
    }
}
