package com.shop.cdc.common.sink.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.List;
import java.util.function.Consumer;

/** One Redis holds every key: a per-table key is one key. */
final class SingleKeyspace implements RedisKeyspace {

    private final RedisCalls redis;

    SingleKeyspace(RedisCalls redis) {
        this.redis = redis;
    }

    @Override
    public String load(String script) {
        return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script)).toString();
    }

    @Override
    public List<Response> pipeline(List<Request> requests) {
        return requests.isEmpty() ? List.of() : redis.batch(requests);
    }

    @Override
    public void scan(String pattern, Consumer<List<String>> page) {
        String cursor = "0";
        do {
            Response answer = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT));
            cursor = answer.get(0).toString();
            page.accept(RedisKeyspace.strings(answer.get(1)));
        } while (!cursor.equals("0"));
    }

    @Override
    public String inSlotOf(String base, String rowKey) {
        return base;
    }

    @Override
    public boolean oneSlot(String row) {
        return true;
    }

    @Override
    public List<String> copies(String base) {
        return List.of(base);
    }
}
