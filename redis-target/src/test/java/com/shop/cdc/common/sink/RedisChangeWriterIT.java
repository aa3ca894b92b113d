package com.shop.cdc.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.SourceTable;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guarded Redis writes of the captured users history against a real Redis (the local stack's,
 * 127.0.0.1:6379); deletes, truncates, TOAST and the recent index: RedisWriterContract, on a single
 * Redis and on a cluster.
 */
class RedisChangeWriterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static Redis redis;
    private final String run = "it" + System.nanoTime();
    private final SourceTable users = new SourceTable(run, "public", "users");
    private final RedisChangeWriter writer = new RedisChangeWriter(redis, JSON,
            Map.of(users.qualifiedName(), new RedisTable(run + ":user:{id}", Optional.empty(), "created", 2)),
            Duration.ofHours(1));

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

    private static String get(String key) {
        Response value = redis.sendAndAwait(Request.cmd(Command.GET).arg(key));
        return value == null ? null : value.toString();
    }
}
