package com.shop.cdc.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.sink.redis.RedisChangeWriter;
import com.shop.cdc.common.sink.redis.RedisScripts;
import com.shop.cdc.common.sink.redis.RedisTable;
import com.shop.cdc.common.target.WriteOutcome;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guarded Redis writes against a real Redis (the local stack's, 127.0.0.1:6379). */
class RedisChangeWriterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static Redis redis;
    private final String run = "it" + System.nanoTime();
    private final SourceTable users = new SourceTable(run, "public", "users");
    private final RedisChangeWriter writer = new RedisChangeWriter(redis, JSON,
            Map.of(users.qualifiedName(), new RedisTable(run + ":user:{id}", Optional.of(run + ":owner:{owner}:recent"),
                    "created", 2)), Duration.ofHours(1));

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void shuffledDuplicatedDeliveryEndsEqualToTheSource() {
        List<ChangeEvent> history = Changes.history(users, 200, 8, 42);
        for (List<ChangeEvent> batch : Changes.batches(Changes.shuffledWithDuplicates(history, 7), 100)) {
            writer.write(batch);
        }
        assertHoldsTheLatestOf(history);
    }

    @Test
    void preparingLoadsTheScriptsBeforeAnyWrite() throws Exception {
        redis.sendAndAwait(Request.cmd(Command.SCRIPT).arg("FLUSH"));
        writer.prepare();
        for (String script : List.of(RedisScripts.WRITE, RedisScripts.TRUNCATE)) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
            assertThat(redis.sendAndAwait(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(sha)).get(0).toInteger())
                    .as(script).isEqualTo(1);
        }
    }

    @Test
    void aReplayOfTheSameEventsChangesNothing() {
        List<ChangeEvent> history = Changes.history(users, 50, 4, 1);
        writer.write(history);
        assertThat(writer.write(history)).containsOnly(WriteOutcome.STALE);
    }

    @Test
    void aBatchLargerThanTheClientsReplyQueueIsWrittenWhole() {
        List<ChangeEvent> history = Changes.history(users, 2_500, 2, 3); // 5,000 changes: above 2,048 waiting replies
        assertThat(writer.write(history)).hasSize(history.size()).doesNotContain(WriteOutcome.IGNORED);
        assertHoldsTheLatestOf(history);
    }

    /** Every key of the history as its latest change left it: deleted keys absent, the others with their email. */
    private void assertHoldsTheLatestOf(List<ChangeEvent> history) {
        Changes.latest(history).forEach((id, change) -> {
            String stored = get(run + ":user:{" + id + "}");
            if (change.after() == null) {
                assertThat(stored).as("deleted user %s stays deleted", id).isNull();
            } else {
                assertThat(stored).as("user %s", id).contains(change.after().get("email").toString());
            }
        });
    }

    @Test
    void aLateOlderUpsertCannotResurrectADeletedKey() {
        writer.write(List.of(Changes.upsert(users, 1, 100, Map.of("email", "a@x.io"))));
        writer.write(List.of(Changes.delete(users, 1, 300, Map.of())));
        assertThat(writer.write(List.of(Changes.upsert(users, 1, 200, Map.of("email", "b@x.io")))))
                .containsExactly(WriteOutcome.STALE);
        assertThat(get(run + ":user:{1}")).isNull();
        long ttl = redis.sendAndAwait(Request.cmd(Command.TTL).arg(run + ":user:{1}:pos")).toLong();
        assertThat(ttl).as("the delete marker expires after the configured TTL").isBetween(3000L, 3600L);
    }

    @Test
    void truncateRemovesOlderRowsAndKeepsLaterOnes() {
        writer.write(List.of(Changes.upsert(users, 1, 100, Map.of("email", "old@x.io")),
                Changes.upsert(users, 2, 500, Map.of("email", "after-truncate@x.io"))));
        writer.write(List.of(Changes.truncate(users, 300)));
        assertThat(get(run + ":user:{1}")).isNull();
        assertThat(get(run + ":user:{2}")).contains("after-truncate");
        assertThat(writer.write(List.of(Changes.upsert(users, 3, 200, Map.of("email", "late@x.io")))))
                .as("a change older than the truncate, delivered late").containsExactly(WriteOutcome.STALE);
        assertThat(get(run + ":user:{3}")).isNull();
    }

    @Test
    void unavailableColumnsKeepTheStoredValue() throws Exception {
        writer.write(List.of(Changes.upsert(users, 5, 100, Map.of("email", "e@x.io", "bio", "long toasted text"))));
        Map<String, Object> partial = new java.util.LinkedHashMap<>();
        partial.put("email", "new@x.io");
        partial.put("bio", Unavailable.VALUE);
        writer.write(List.of(Changes.upsert(users, 5, 200, partial)));
        JsonNode stored = JSON.readTree(get(run + ":user:{5}"));
        assertThat(stored.get("email").asText()).isEqualTo("new@x.io");
        assertThat(stored.get("bio").asText()).isEqualTo("long toasted text");
        assertThat(get(run + ":user:{5}")).doesNotContain(Unavailable.PLACEHOLDER);
    }

    @Test
    void recentIndexFollowsOwnerChangesDeletesAndKeepsTheNewest() {
        writer.write(List.of(Changes.upsert(users, 1, 100, Map.of("owner", 7L, "created", 1L)),
                Changes.upsert(users, 2, 110, Map.of("owner", 7L, "created", 2L)),
                Changes.upsert(users, 3, 120, Map.of("owner", 7L, "created", 3L))));
        assertThat(members(7)).containsExactly("2", "3"); // limited to the 2 newest
        writer.write(List.of(new ChangeEvent(users, Map.of("id", 3L), com.shop.cdc.common.event.Operation.UPDATE,
                Map.of("id", 3L, "owner", 7L, "created", 3L), Map.of("id", 3L, "owner", 8L, "created", 3L),
                com.shop.cdc.common.event.SourcePosition.postgres(130, false), java.time.Instant.EPOCH, null, false,
                new com.shop.cdc.common.event.KafkaCoordinates("t", 0, 0, 0), Map.of())));
        assertThat(members(7)).containsExactly("2");
        assertThat(members(8)).containsExactly("3");
        writer.write(List.of(Changes.delete(users, 3, 140, Map.of("owner", 8L, "created", 3L))));
        assertThat(members(8)).isEmpty();
    }

    private List<String> members(long owner) {
        Response range = redis.sendAndAwait(Request.cmd(Command.ZRANGE).arg(run + ":owner:{" + owner + "}:recent").arg(0).arg(-1));
        List<String> members = new ArrayList<>();
        range.forEach(member -> members.add(member.toString()));
        return members;
    }

    private static String get(String key) {
        Response value = redis.sendAndAwait(Request.cmd(Command.GET).arg(key));
        return value == null ? null : value.toString();
    }
}
