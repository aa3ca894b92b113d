package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.sink.Changes;
import com.shop.cdc.common.target.JsonDocument;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ADD COLUMN … DEFAULT} fills the source's existing rows without an event: Redis rows that
 * lack the field get the declared default, and a value a change wrote is never overwritten.
 */
class RedisDefaultBackfillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> DEFAULTS = defaults();
    private static LocalRedis redis;
    private final String run = "it" + System.nanoTime();
    private final SourceTable users = new SourceTable(run, "public", "users");
    private final Map<String, RedisTable> tables = Map.of(users.qualifiedName(),
            new RedisTable(run + ":user:{id}", Optional.of(run + ":user:{team}:members"), "id", 20));

    @BeforeAll
    static void connect() {
        redis = new LocalRedis();
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void storedRowsLackingTheFieldGetTheDefaultAndWrittenValuesStay() throws Exception {
        ExecutorService backfills = Executors.newSingleThreadExecutor();
        RedisChangeWriter writer = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), backfills);
        List<ChangeEvent> beforeTheAlter = new ArrayList<>();
        for (long id = 1; id <= 1_200; id++) { // more rows than one SCAN page and one script call
            beforeTheAlter.add(Changes.upsert(users, id, 100 + id, Map.of("email", "u" + id + "@x.io", "team", 1L)));
        }
        beforeTheAlter.add(Changes.delete(users, 3, 2_000, Map.of("email", "u3@x.io")));
        writer.write(beforeTheAlter);
        String untouched = redis.get(run + ":user:{1}");

        writer.write(List.of(declaring(Changes.upsert(users, 2, 3_000,
                withNulls("email", "u2@x.io", "status", null, "credit", "7.25")))));
        backfills.shutdown();
        assertThat(backfills.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(redis.get(run + ":user:{1}"))
                .isEqualTo(untouched.substring(0, untouched.length() - 1) + ",\"status\":\"new\",\"credit\":\"0.50\"}");
        assertThat(redis.get(run + ":user:{1200}")).endsWith(",\"status\":\"new\",\"credit\":\"0.50\"}");
        assertThat(redis.get(run + ":user:{2}")).as("what the change wrote")
                .isEqualTo(json(withNulls("email", "u2@x.io", "status", null, "credit", "7.25", "id", 2L)));
        assertThat(redis.get(run + ":user:{3}")).as("deleted rows stay deleted").isNull();
        assertThat(redis.members(run + ":user:{1}:members")).as("a sorted set under the rows' prefix, left alone")
                .hasSize(20);
    }

    @Test
    void aSecondPassAfterARestartChangesNothing() {
        RedisChangeWriter first = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), Runnable::run);
        first.write(List.of(Changes.upsert(users, 1, 100, Map.of("email", "a@x.io")),
                declaring(Changes.upsert(users, 2, 200, Map.of("email", "b@x.io", "status", "vip", "credit", "1")))));
        String filled = redis.get(run + ":user:{1}");
        assertThat(filled).endsWith(",\"status\":\"new\",\"credit\":\"0.50\"}");

        RedisChangeWriter restarted = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), Runnable::run);
        restarted.write(List.of(declaring(Changes.upsert(users, 2, 300, Map.of("email", "c@x.io", "status", "vip",
                "credit", "1")))));
        assertThat(redis.get(run + ":user:{1}")).isEqualTo(filled);
        assertThat(redis.get(run + ":user:{2}")).contains("\"status\":\"vip\"");
    }

    @Test
    void aRestartedWritersReconciliationDoesNotCallAFilledRowDifferent() {
        ChangeEvent beforeTheAlter = Changes.upsert(users, 1, 100, Map.of("email", "a@x.io"));
        RedisChangeWriter first = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), Runnable::run);
        first.write(List.of(beforeTheAlter,
                declaring(Changes.upsert(users, 2, 200, Map.of("email", "b@x.io", "status", "vip", "credit", "1")))));
        assertThat(first.digestOf(beforeTheAlter)).as("the row may hold the defaults: not compared").isNull();

        RedisChangeWriter restarted = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), Runnable::run);
        restarted.prepare();
        assertThat(restarted.digestOf(beforeTheAlter)).as("after a restart, the declaring change not seen again").isNull();
        ChangeEvent afterTheAlter = Changes.upsert(users, 3, 300, Map.of("email", "c@x.io", "status", "vip", "credit", "1"));
        assertThat(restarted.digestOf(afterTheAlter)).as("a row with every defaulted field is compared").isNotNull();
    }

    @Test
    void aChangeFromBeforeTheAlterArrivingAfterThePassIsWrittenWithTheDefaults() {
        RedisChangeWriter writer = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), Runnable::run);
        writer.write(List.of(Changes.upsert(users, 1, 100, Map.of("email", "a@x.io")),
                declaring(Changes.upsert(users, 2, 300, Map.of("email", "b@x.io", "status", "vip", "credit", "1")))));
        writer.write(List.of(Changes.upsert(users, 1, 200, withNulls("email", "late@x.io")))); // another partition lagging
        assertThat(redis.get(run + ":user:{1}")).contains("late@x.io", "\"status\":\"new\"", "\"credit\":\"0.50\"");
        writer.write(List.of(Changes.upsert(users, 1, 400, withNulls("email", "dropped@x.io"))));
        assertThat(redis.get(run + ":user:{1}")).as("after a DROP COLUMN").isEqualTo(json(withNulls("email", "dropped@x.io", "id", 1L)));
    }

    @Test
    void aChangeThatDeclaresNoDefaultsLeavesStoredRowsAlone() {
        RedisChangeWriter writer = new RedisChangeWriter(redis.client, JSON, tables, Duration.ofHours(1), Runnable::run);
        writer.write(List.of(Changes.upsert(users, 1, 100, Map.of("email", "a@x.io")),
                Changes.upsert(users, 2, 200, Map.of("email", "b@x.io"))));
        assertThat(redis.get(run + ":user:{1}")).isEqualTo(json(withNulls("email", "a@x.io", "id", 1L)));
    }

    private static ChangeEvent declaring(ChangeEvent change) {
        return new ChangeEvent(change.table(), change.key(), change.operation(), change.before(), change.after(),
                change.position(), change.sourceTimestamp(), change.transaction(), change.snapshot(), change.origin(),
                change.headers(), DEFAULTS);
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("status", "new");
        defaults.put("credit", new BigDecimal("0.50"));
        return defaults;
    }

    private static Map<String, Object> withNulls(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static String json(Map<String, Object> row) {
        return new String(JsonDocument.utf8(row, JSON.getFactory()), StandardCharsets.UTF_8);
    }
}
