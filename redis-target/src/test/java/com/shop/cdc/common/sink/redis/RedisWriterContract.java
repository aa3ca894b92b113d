package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.sink.Changes;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.WriteOutcome;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the writer guarantees, run against a single Redis and a Redis Cluster alike: many keys, so
 * that rows, their users' indexes and the barrier's copies spread over slots and masters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisWriterContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalRedis redis;
    private String run;
    private SourceTable orders;
    private RedisChangeWriter writer;

    abstract RedisMode mode();

    @BeforeAll
    void connect() {
        redis = new LocalRedis(mode());
    }

    /** A table of its own for each test: a truncate raises the barrier of the whole table. */
    @BeforeEach
    void table() {
        run = "it" + System.nanoTime();
        orders = new SourceTable(run, "shop", "orders");
        writer = new RedisChangeWriter(redis.client, mode(), JSON, Map.of(orders.qualifiedName(),
                new RedisTable(run + ":order:{id}", Optional.of(run + ":user:{user_id}:orders"), "created", 3)),
                Duration.ofHours(1), Executors.newSingleThreadExecutor(), Duration.ofSeconds(10));
        writer.prepare();
    }

    @AfterAll
    void close() {
        redis.close();
    }

    @Test
    void inAnyArrivalOrderTheNewestChangeOfEachKeyWins() {
        List<ChangeEvent> history = Changes.history(orders, 400, 6, 5);
        for (List<ChangeEvent> batch : Changes.batches(Changes.shuffledWithDuplicates(history, 9), 150)) {
            writer.write(batch);
        }
        Set<Integer> slots = new HashSet<>();
        Changes.latest(history).forEach((id, change) -> {
            String key = run + ":order:{" + id + "}";
            slots.add(HashSlots.slot(key));
            if (change.after() == null) {
                assertThat(redis.get(key)).as("deleted order %s", id).isNull();
            } else {
                assertThat(redis.get(key)).as("order %s", id).contains(change.after().get("email").toString());
            }
        });
        assertThat(slots).as("the keys spread over the slots").hasSizeGreaterThan(300);
        assertThat(writer.write(history)).as("a replay").containsOnly(WriteOutcome.STALE);
    }

    @Test
    void aDeleteMarkerBeatsALateOlderUpsert() {
        for (long id = 1; id <= 50; id++) {
            writer.write(List.of(order(id, 100, null, 7)));
            writer.write(List.of(deletion(id, 300, 7)));
            assertThat(writer.write(List.of(order(id, 200, null, 7)))).containsExactly(WriteOutcome.STALE);
            assertThat(redis.get(run + ":order:{" + id + "}")).isNull();
            assertThat(redis.ttl(run + ":order:{" + id + "}:pos")).isBetween(3000L, 3600L);
        }
        assertThat(orders(7)).isEmpty();
    }

    @Test
    void aTruncateRemovesOlderRowsInEverySlotAndSparesNewerOnes() {
        List<ChangeEvent> before = LongStream.range(1_000, 1_300).mapToObj(id -> order(id, 100 + id, null, id % 5)).toList();
        List<ChangeEvent> after = LongStream.range(2_000, 2_050).mapToObj(id -> order(id, 9_000 + id, null, 1)).toList();
        writer.write(before);
        writer.write(after);
        assertThat(writer.write(List.of(Changes.truncate(orders, 5_000)))).containsExactly(WriteOutcome.WRITTEN);
        before.forEach(change -> assertThat(redis.get(run + ":order:{" + change.key().get("id") + "}")).isNull());
        after.forEach(change -> assertThat(redis.get(run + ":order:{" + change.key().get("id") + "}")).isNotNull());
        assertThat(orders(0)).isEmpty();
        assertThat(orders(1)).hasSize(3).allMatch(member -> member.startsWith("20"));
        List<ChangeEvent> late = LongStream.range(3_000, 3_100).mapToObj(id -> order(id, 4_000, null, 2)).toList();
        assertThat(writer.write(late)).as("changes older than the truncate, delivered late").containsOnly(WriteOutcome.STALE);
        assertThat(orders(2)).isEmpty();
    }

    @Test
    void theRecentIndexFollowsJoinsMovesDeletesAndKeepsTheNewest() {
        writer.write(List.of(order(1, 100, null, 7), order(2, 110, null, 7), order(3, 120, null, 7), order(4, 130, null, 7)));
        assertThat(orders(7)).containsExactly("2", "3", "4");
        writer.write(List.of(order(4, 140, 7L, 8L)));
        assertThat(orders(7)).containsExactly("2", "3");
        assertThat(orders(8)).containsExactly("4");
        writer.write(List.of(order(4, 150, 3L, 9L), order(4, 160, 9L, 8L), deletion(3, 170, 7)));
        assertThat(orders(7)).containsExactly("2");
        assertThat(orders(8)).containsExactly("4");
        assertThat(orders(9)).isEmpty();
    }

    @Test
    void aFailureBetweenARowAndItsIndexIsRepairedByTheReplay() {
        List<ChangeEvent> batch = List.of(order(5, 100, null, 7), order(5, 200, 7L, 8L), order(5, 300, 8L, 9L));
        writer.write(batch);
        // as if the index pipeline never ran: the member still in 7, its later indexes listed to leave
        send(Request.cmd(Command.ZADD).arg(run + ":user:{7}:orders").arg(5).arg("5"));
        send(Request.cmd(Command.ZREM).arg(run + ":user:{9}:orders").arg("5"));
        send(Request.cmd(Command.SADD).arg(run + ":order:{5}:left").arg(run + ":user:{7}:orders").arg(run + ":user:{8}:orders"));
        assertThat(writer.write(batch)).containsOnly(WriteOutcome.STALE);
        assertThat(orders(7)).isEmpty();
        assertThat(orders(8)).isEmpty();
        assertThat(orders(9)).containsExactly("5");
        assertThat(redis.members(run + ":order:{5}:left")).isEmpty();
    }

    @Test
    void unchangedToastValuesKeepTheStoredBytes() {
        for (long id = 1; id <= 40; id++) {
            writer.write(List.of(Changes.upsert(orders, 10_000 + id, 100, Map.of("user_id", 1L, "created", id,
                    "note", "long \"toasted\" text " + id, "big", 9_007_199_254_740_993L))));
            Map<String, Object> partial = new LinkedHashMap<>();
            partial.put("note", Unavailable.VALUE);
            partial.put("big", Unavailable.VALUE);
            partial.put("email", "new@x.io");
            writer.write(List.of(Changes.upsert(orders, 10_000 + id, 200, partial)));
            assertThat(redis.get(run + ":order:{" + (10_000 + id) + "}"))
                    .isEqualTo("{\"note\":\"long \\\"toasted\\\" text " + id + "\",\"big\":9007199254740993,"
                            + "\"email\":\"new@x.io\",\"id\":" + (10_000 + id) + "}");
        }
    }

    @Test
    void reconciliationScansEveryKeyOfEveryMaster() {
        List<ChangeEvent> rows = LongStream.range(20_000, 20_500).mapToObj(id -> order(id, 100, null, 3)).toList();
        writer.write(rows);
        writer.write(List.of(deletion(20_000, 200, 3)));
        List<TargetKey> found = new ArrayList<>();
        writer.scan(found::add);
        Set<String> keys = found.stream().map(TargetKey::key).filter(key -> key.startsWith(run + ":order:{20"))
                .collect(Collectors.toSet());
        assertThat(keys).hasSize(500);
        assertThat(found).filteredOn(key -> key.key().equals(run + ":order:{20000}")).singleElement()
                .matches(TargetKey::deleted);
    }

    private void send(Request request) {
        redis.client.sendAndAwait(request);
    }

    private Set<String> orders(long user) {
        return redis.members(run + ":user:{" + user + "}:orders");
    }

    /** An order created (when {@code from} is null) or moved to user {@code to}. */
    private ChangeEvent order(long id, long lsn, Long from, long to) {
        return change(id, lsn, from, to);
    }

    private ChangeEvent deletion(long id, long lsn, long from) {
        return change(id, lsn, from, null);
    }

    private ChangeEvent change(long id, long lsn, Long from, Long to) {
        Map<String, Object> before = from == null ? null : Map.of("id", id, "user_id", from, "created", id);
        Map<String, Object> after = to == null ? null : Map.of("id", id, "user_id", to, "created", id);
        Operation operation = after == null ? Operation.DELETE : before == null ? Operation.CREATE : Operation.UPDATE;
        return new ChangeEvent(orders, Map.of("id", id), operation, before, after, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates("t", 0, lsn, 0), Map.of(), Map.of());
    }
}
