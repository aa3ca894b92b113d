package com.shop.cdc.common.sink.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;

/**
 * Redis commands awaited for a bounded time: a Redis that hangs (its connections open, no answer,
 * as under SIGSTOP) fails the call with a timeout, which the writes treat as unavailable, instead
 * of holding the target's thread for ever.
 */
final class RedisCalls {

    private final Redis redis;
    private final Duration timeout;

    RedisCalls(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    Response send(Request request) {
        return send(request, timeout);
    }

    Response send(Request request, Duration within) {
        return redis.send(request).await().atMost(within);
    }

    /** One pipeline: the commands go out together, their answers come back in order. */
    List<Response> batch(List<Request> requests) {
        return await(redis.batch(requests));
    }

    <T> T await(Uni<T> answer) {
        return answer.await().atMost(timeout);
    }

    Redis client() {
        return redis;
    }
}
