package com.shop.cdc.common.sink.redis;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local stack's Redis (127.0.0.1:6379), or the local Redis Cluster ({@link LocalRedisCluster}),
 * for integration tests, each working under a key prefix of its own.
 */
final class LocalRedis implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    final RedisMode mode;
    final Redis client;

    LocalRedis() {
        this(RedisMode.STANDALONE);
    }

    LocalRedis(RedisMode mode) {
        this.mode = mode;
        this.client = mode == RedisMode.CLUSTER ? LocalRedisCluster.client(vertx) : Redis.createClient(vertx, "redis://127.0.0.1:6379");
    }

    String get(String key) {
        Response value = client.sendAndAwait(Request.cmd(Command.GET).arg(key));
        return value == null ? null : value.toString();
    }

    void delete(String key) {
        client.sendAndAwait(Request.cmd(Command.DEL).arg(key));
    }

    void set(String key, String value) {
        client.sendAndAwait(Request.cmd(Command.SET).arg(key).arg(value));
    }

    long ttl(String key) {
        return client.sendAndAwait(Request.cmd(Command.TTL).arg(key)).toLong();
    }

    Set<String> members(String sortedSet) {
        Set<String> members = new TreeSet<>();
        client.sendAndAwait(Request.cmd(Command.ZRANGE).arg(sortedSet).arg(0).arg(-1))
                .forEach(member -> members.add(member.toString()));
        return members;
    }

    @Override
    public void close() {
        client.close();
        vertx.closeAndAwait();
    }
}
