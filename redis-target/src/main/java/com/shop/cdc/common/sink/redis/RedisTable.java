package com.shop.cdc.common.sink.redis;

import java.util.Optional;

/**
 * How one source table is kept in Redis: the key of each row, and optionally a per-owner sorted
 * set of recent rows (a user's recent orders).
 *
 * @param key          e.g. {@code user:{id}}
 * @param recentIndex  e.g. {@code user:{user_id}:orders}, scored by {@code recentScoreField}
 * @param recentLimit  how many members the sorted set keeps
 */
public record RedisTable(KeyTemplate key, Optional<KeyTemplate> recentIndex, String recentScoreField, int recentLimit) {

    public RedisTable(String key, Optional<String> recentIndex, String recentScoreField, int recentLimit) {
        this(KeyTemplate.of(key), recentIndex.map(KeyTemplate::of), recentScoreField, recentLimit);
    }
}
