package com.shop.cdc.common.sink.redis;

/** The writer's guarantees on the local stack's single Redis. */
class RedisWriterStandaloneIT extends RedisWriterContract {

    @Override
    RedisMode mode() {
        return RedisMode.STANDALONE;
    }
}
