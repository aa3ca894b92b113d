package com.shop.cdc.common.sink.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts under {@code /cdc/}; a script that reads stored JSON runs after the member scanner. */
public final class RedisScripts {

    public static final String WRITE = withMembers("redis-guarded-write.lua");
    public static final String TRUNCATE = text("redis-truncate.lua");
    public static final String RAISE_BARRIER = text("redis-raise-barrier.lua");
    public static final String BACKFILL_DEFAULT = withMembers("redis-backfill-default.lua");

    /** The SHA-1 of each of the writer's scripts, as loaded. */
    record Loaded(String write, String truncate, String raiseBarrier) {

        static Loaded into(RedisKeyspace redis) {
            return new Loaded(redis.load(WRITE), redis.load(TRUNCATE), redis.load(RAISE_BARRIER));
        }
    }

    private RedisScripts() {
    }

    /** Redis EVAL has no shared code between scripts: the scanner of stored JSON is prepended. */
    private static String withMembers(String name) {
        return text("redis-json-members.lua") + text(name);
    }

    private static String text(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream("/cdc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
