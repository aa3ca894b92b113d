package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.sink.Changes;
import com.shop.cdc.common.target.JsonDocument;
import com.shop.cdc.common.target.WriteOutcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unchanged TOAST values keep the stored bytes: nothing of the stored row is decoded and encoded again. */
class RedisToastMergeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRedis redis;
    private final String run = "it" + System.nanoTime();
    private final SourceTable users = new SourceTable(run, "public", "users");
    private final RedisChangeWriter writer = new RedisChangeWriter(redis.client, JSON,
            Map.of(users.qualifiedName(), new RedisTable(run + ":user:{id}", Optional.empty(), "created", 20)),
            Duration.ofHours(1));

    @BeforeAll
    static void connect() {
        redis = new LocalRedis();
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void unchangedValuesStayByteForByteAndTheChangeKeepsItsFieldOrder() {
        Map<String, Object> first = row("email", "a@x.io", "doc", jsonColumn(), "tags", List.of(), "attrs", Map.of(),
                "big", 9_007_199_254_740_993L, "bio", "she said \"hi\" \\ — żółw ✓ }]{[", "note", null);
        writer.write(List.of(Changes.upsert(users, 5, 100, first)));

        Map<String, Object> partial = row("bio", Unavailable.VALUE, "email", "b@x.io", "doc", Unavailable.VALUE,
                "tags", Unavailable.VALUE, "attrs", Unavailable.VALUE, "big", Unavailable.VALUE, "note", "now set");
        writer.write(List.of(Changes.upsert(users, 5, 200, partial)));

        Map<String, Object> expected = row("bio", first.get("bio"), "email", "b@x.io", "doc", jsonColumn(),
                "tags", List.of(), "attrs", Map.of(), "big", 9_007_199_254_740_993L, "note", "now set", "id", 5L);
        assertThat(redis.get(run + ":user:{5}")).isEqualTo(json(expected))
                .contains("9007199254740993", "\"tags\":[]", "\"attrs\":{}", "[null,{\"deep\":null}]");
    }

    @Test
    void theKeptValueIsTheNewestBeforeThePlaceholderWithinOneBatch() {
        assertThat(writer.write(List.of(Changes.upsert(users, 6, 100, row("bio", "first")),
                Changes.upsert(users, 6, 150, row("bio", List.of())),
                Changes.upsert(users, 6, 200, row("bio", Unavailable.VALUE, "email", "c@x.io")))))
                .containsOnly(WriteOutcome.WRITTEN);
        assertThat(redis.get(run + ":user:{6}")).isEqualTo(json(row("bio", List.of(), "email", "c@x.io", "id", 6L)));
    }

    @Test
    void aFieldTheStoredRowLacksIsLeftOut() {
        writer.write(List.of(Changes.upsert(users, 7, 100, row("email", "d@x.io")),
                Changes.upsert(users, 7, 200, row("email", "e@x.io", "bio", Unavailable.VALUE)),
                Changes.upsert(users, 8, 300, row("email", "f@x.io", "bio", Unavailable.VALUE))));
        assertThat(redis.get(run + ":user:{7}")).isEqualTo(json(row("email", "e@x.io", "id", 7L)));
        assertThat(redis.get(run + ":user:{8}")).as("no stored row").isEqualTo(json(row("email", "f@x.io", "id", 8L)));
    }

    @Test
    void aRealValueEqualToThePlaceholderIsKept() {
        writer.write(List.of(Changes.upsert(users, 9, 100, row("bio", "stored", "email", "g@x.io")),
                Changes.upsert(users, 9, 200, row("bio", Unavailable.VALUE, "email", Unavailable.PLACEHOLDER))));
        assertThat(redis.get(run + ":user:{9}"))
                .isEqualTo(json(row("bio", "stored", "email", Unavailable.PLACEHOLDER, "id", 9L)));
    }

    /** A json/jsonb column's value as decoded: exact numbers, empty containers, nested nulls, escapes. */
    private static Map<String, Object> jsonColumn() {
        return row("big", new BigInteger("9007199254740993"), "tiny", new BigDecimal("1e-07"), "empty", List.of(),
                "none", Map.of(), "nested", Arrays.asList(null, row("deep", null)), "text", "q\"uote \\ ü ✓ \u0001");
    }

    private static Map<String, Object> row(Object... namesAndValues) {
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
