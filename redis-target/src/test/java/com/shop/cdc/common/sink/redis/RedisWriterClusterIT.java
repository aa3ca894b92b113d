package com.shop.cdc.common.sink.redis;

/** The writer's guarantees on a 6-node Redis Cluster (dev/redis-cluster), as production runs it. */
class RedisWriterClusterIT extends RedisWriterContract {

    @Override
    RedisMode mode() {
        return RedisMode.CLUSTER;
    }
}
