package com.shop.cdc.common.sink.redis;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The local 6-node Redis Cluster of {@code dev/redis-cluster} (127.0.0.1:7101-7106), started once
 * per run when it is not up. A cluster that cannot start fails the tests: they are not skipped.
 */
final class LocalRedisCluster {

    private static final int FIRST_PORT = 7101;
    private static boolean up;

    private LocalRedisCluster() {
    }

    /** A client in cluster mode, the cluster started first if it is not up. */
    static Redis client(Vertx vertx) {
        start();
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
        for (int port = FIRST_PORT; port < FIRST_PORT + 6; port++) {
            options.addConnectionString("redis://127.0.0.1:" + port);
        }
        return Redis.createClient(vertx, options);
    }

    private static synchronized void start() {
        if (up) {
            return;
        }
        Path script = script();
        try {
            Process process = new ProcessBuilder(script.toString(), "up").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("dev/redis-cluster up failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the Redis Cluster", e);
        }
        up = true;
    }

    /** dev/redis-cluster of the repository these tests run in (from the module or the root). */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("dev/redis-cluster");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new IllegalStateException("dev/redis-cluster not found above " + Path.of("").toAbsolutePath());
    }
}
