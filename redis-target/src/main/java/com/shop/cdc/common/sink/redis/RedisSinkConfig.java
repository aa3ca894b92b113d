package com.shop.cdc.common.sink.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which source tables a service keeps in Redis, and how. */
@ConfigMapping(prefix = "cdc.redis")
public interface RedisSinkConfig {

    /**
     * How long a delete's marker (its position) outlives the key. A replay of an older change of
     * the key that arrives later than this would bring it back: keep it above the topic retention.
     */
    @WithDefault("7d")
    Duration tombstoneTtl();

    /**
     * How long one Redis command or pipeline may go unanswered before Redis counts as unavailable
     * (a hung server: connections open, no reply); the batch then waits and is retried.
     */
    @WithDefault("PT10S")
    Duration commandTimeout();

    /** Keyed by source table, {@code [database.][schema.]table}, e.g. {@code tables."public.users"} (see TableRoutes). */
    Map<String, Table> tables();

    interface Table {

        /** Key of a row, fields in braces: {@code user:{id}}. */
        String key();

        /** Optional sorted set of an owner's recent rows, e.g. {@code user:{user_id}:orders}. */
        Optional<String> recentIndex();

        /** Field scoring the sorted set (an instant or a number). */
        @WithDefault("created_at")
        String recentScore();

        /** Members kept in the sorted set. */
        @WithDefault("20")
        int recentLimit();
    }

    static Map<String, RedisTable> tables(RedisSinkConfig config) {
        Map<String, RedisTable> tables = new LinkedHashMap<>();
        config.tables().forEach((source, table) -> tables.put(source,
                new RedisTable(table.key(), table.recentIndex(), table.recentScore(), table.recentLimit())));
        return tables;
    }
}
