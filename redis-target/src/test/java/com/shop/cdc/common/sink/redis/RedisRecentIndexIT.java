package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.sink.Changes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's recent orders follow what Redis holds of each order, whatever was rejected (never
 * written), replayed or reordered: never the before image of a change whose predecessor Redis never saw.
 */
class RedisRecentIndexIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 5;
    private static LocalRedis redis;
    private final String run = "it" + System.nanoTime();
    private final SourceTable orders = new SourceTable(run, "shop", "orders");
    private final RedisChangeWriter writer = new RedisChangeWriter(redis.client, JSON,
            Map.of(orders.qualifiedName(), new RedisTable(run + ":order:{id}", Optional.of(run + ":user:{user_id}:orders"),
                    "created", 1_000)), Duration.ofHours(1));

    @BeforeAll
    static void connect() {
        redis = new LocalRedis();
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void aRejectedIntermediateChangeDoesNotLeaveTheOrderUnderItsFormerUser() {
        writer.write(List.of(change(1, 100, null, order(1, 7))));
        // the change at 200 (user 7 -> 8) was rejected by a validation rule: dead-lettered, never written
        writer.write(List.of(change(1, 300, order(1, 8), order(1, 9))));
        assertThat(orders(7)).isEmpty();
        assertThat(orders(8)).isEmpty();
        assertThat(orders(9)).containsExactly("1");
        writer.write(List.of(change(1, 400, order(1, 3), null)));
        assertThat(orders(9)).as("a delete whose before image names another user").isEmpty();
    }

    @Test
    void rowsWrittenBeforeTheIndexWasRememberedFallBackToTheBeforeImage() {
        writer.write(List.of(change(2, 100, null, order(2, 7))));
        redis.delete(run + ":order:{2}:idx");
        writer.write(List.of(change(2, 200, order(2, 7), order(2, 9))));
        assertThat(orders(7)).isEmpty();
        assertThat(orders(9)).containsExactly("2");
    }

    @Test
    void truncateRemovesTheMembershipsOfTheRowsItRemoves() {
        writer.write(List.of(change(1, 100, null, order(1, 7)), change(2, 500, null, order(2, 7))));
        writer.write(List.of(Changes.truncate(orders, 300)));
        assertThat(orders(7)).containsExactly("2");
        writer.write(List.of(change(3, 200, null, order(3, 7)), change(2, 600, order(2, 7), order(2, 8))));
        assertThat(orders(7)).as("an order older than the truncate, delivered late").isEmpty();
        assertThat(orders(8)).containsExactly("2");
    }

    @Test
    void withRejectionsReplaysAndReorderingTheSetsAreWhatTheAcceptedChangesImply() {
        Random random = new Random(11);
        List<ChangeEvent> history = new ArrayList<>();
        Map<Long, Map<String, Object>> source = new HashMap<>();
        long lsn = 1_000;
        for (int step = 0; step < 600; step++) {
            long id = random.nextInt(60);
            lsn += 1 + random.nextInt(20);
            Map<String, Object> before = source.get(id);
            Map<String, Object> after = before != null && random.nextInt(8) == 0 ? null : order(id, random.nextInt(USERS));
            history.add(change(id, lsn, before, after));
            if (after == null) {
                source.remove(id);
            } else {
                source.put(id, after);
            }
        }
        List<ChangeEvent> accepted = history.stream().filter(change -> random.nextInt(5) != 0).toList();
        for (List<ChangeEvent> batch : batches(Changes.shuffledWithDuplicates(accepted, 5), 40)) {
            writer.write(batch);
        }

        Map<Long, Set<String>> expected = new TreeMap<>();
        Changes.latest(accepted).forEach((id, change) -> {
            if (change.after() != null) {
                expected.computeIfAbsent((Long) change.after().get("user_id"), user -> new TreeSet<>()).add(id.toString());
            }
        });
        for (long user = 0; user < USERS; user++) {
            assertThat(orders(user)).as("user %d", user).isEqualTo(expected.getOrDefault(user, Set.of()));
        }
    }

    private Set<String> orders(long user) {
        return redis.members(run + ":user:{" + user + "}:orders");
    }

    private static Map<String, Object> order(long id, long user) {
        return Map.of("id", id, "user_id", user, "created", id);
    }

    private ChangeEvent change(long id, long lsn, Map<String, Object> before, Map<String, Object> after) {
        Operation operation = after == null ? Operation.DELETE : before == null ? Operation.CREATE : Operation.UPDATE;
        return new ChangeEvent(orders, Map.of("id", id), operation, before, after, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates("t", 0, lsn, 0), Map.of(), Map.of());
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }
}
