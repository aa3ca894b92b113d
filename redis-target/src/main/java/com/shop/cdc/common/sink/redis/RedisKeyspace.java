package com.shop.cdc.common.sink.redis;

import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where the writer's commands go: one Redis, or the masters of a cluster. Scripts are loaded where
 * they run, pipelines reach the node of each command's keys, scans cover every master, and a
 * per-table key every row's script reads (the truncate barrier) has a copy in each row's slot.
 */
interface RedisKeyspace {

    /**
     * Commands per pipeline: the client refuses more replies waiting than its
     * {@code max-waiting-handlers} (2048 by default), so a long list goes as several pipelines.
     */
    int MAX_PIPELINE = 1000;
    int SCAN_COUNT = 500;

    static RedisKeyspace of(RedisCalls redis, RedisMode mode) {
        return mode == RedisMode.CLUSTER ? new ClusterKeyspace(redis) : new SingleKeyspace(redis);
    }

    /** Loads a script wherever it may run; its SHA-1. */
    String load(String script);

    /** The commands in pipelines, their answers in the commands' order. */
    default List<Response> batch(List<Request> requests) {
        List<Response> answers = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += MAX_PIPELINE) {
            answers.addAll(pipeline(requests.subList(from, Math.min(requests.size(), from + MAX_PIPELINE))));
        }
        return answers;
    }

    /** At most {@link #MAX_PIPELINE} commands. */
    List<Response> pipeline(List<Request> requests);

    /** Every key matching the glob, a SCAN page at a time (a key may come twice, as SCAN gives it). */
    void scan(String pattern, Consumer<List<String>> page);

    /** The row keys of a template, a SCAN page at a time: found by their position keys, which deletes leave too. */
    default void scanRows(KeyTemplate key, Consumer<List<String>> rows) {
        Pattern rowKey = key.keyPattern();
        scan(key.prefix() + "*:pos", page -> rows.accept(page.stream()
                .map(positionKey -> positionKey.substring(0, positionKey.length() - ":pos".length()))
                .filter(row -> rowKey.matcher(row).matches()).toList()));
    }

    /** The copy of a per-table key ({@code base}) in the slot of {@code rowKey}. */
    String inSlotOf(String base, String rowKey);

    /** Whether a row's keys ({@code <row>}, {@code <row>:pos}, ...) share a slot: not when its hash tag is empty. */
    boolean oneSlot(String row);

    /** All copies of a per-table key. */
    List<String> copies(String base);

    static List<String> strings(Response keys) {
        List<String> found = new ArrayList<>(keys.size());
        keys.forEach(key -> found.add(key.toString()));
        return found;
    }
}
