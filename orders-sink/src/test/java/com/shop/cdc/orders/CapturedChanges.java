package com.shop.cdc.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.testing.ChangeFeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The change events Debezium's MariaDB connector captured for {@code orders} and {@code order_items}
 * (and one PostgreSQL {@code users} delete), as src/test/resources holds them, each given ids of the
 * test's own so that its keys meet no other data in the shared Redis and ledger.
 */
final class CapturedChanges {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDERS = "shop.shop_orders.orders";
    static final String ITEMS = "shop.shop_orders.order_items";

    private static final List<ObjectNode> CAPTURED = load("/captured-orders.jsonl");
    private static final ObjectNode USERS_DELETE = load("/captured-users-delete.jsonl").get(0);
    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() * 100);

    private CapturedChanges() {
    }

    /** One test's ids: captured order {@code n} becomes {@code orders + n}, captured user {@code u} {@code users + u}. */
    record Ids(long orders, long users) {

        static Ids fresh() {
            long base = NEXT.getAndAdd(10_000);
            return new Ids(base, base + 5_000);
        }

        long order(long captured) {
            return orders + captured;
        }

        long user(long captured) {
            return users + captured;
        }
    }

    /** A record as the connector wrote it: topic, key and value (null for a tombstone) as JSON, and its headers. */
    record Change(String topic, JsonNode key, JsonNode value, Map<String, String> headers) implements ChangeFeed.Fed {

        @Override
        public byte[] keyBytes() {
            return bytes(key);
        }

        @Override
        public byte[] valueBytes() {
            return value == null ? null : bytes(value);
        }

        /** The same change with its {@code after} image edited. */
        Change editingAfter(Consumer<ObjectNode> edit) {
            ObjectNode edited = value.deepCopy();
            edit.accept((ObjectNode) edited.get("payload").get("after"));
            return new Change(topic, key, edited, headers);
        }

        /** The same change arriving on another topic. */
        Change on(String otherTopic) {
            return new Change(otherTopic, key, value, headers);
        }
    }

    /** The captured change of order {@code id} with operation {@code op} ({@code r c u d}, or null for the tombstone). */
    static Change order(String op, long id, int nth, Ids ids) {
        return find(ORDERS, op, key -> key.path("id").asLong() == id, nth, ids);
    }

    static Change order(String op, long id, Ids ids) {
        return order(op, id, 0, ids);
    }

    /** The captured change of line {@code lineNo} of order {@code orderId}. */
    static Change item(String op, long orderId, long lineNo, Ids ids) {
        return find(ITEMS, op, key -> key.path("order_id").asLong() == orderId && key.path("line_no").asLong() == lineNo,
                0, ids);
    }

    /** PostgreSQL's delete of a user (with its full before image), as the users topic carried it. */
    static Change usersDelete(Ids ids) {
        return rewrite(USERS_DELETE, ids);
    }

    private static Change find(String topic, String op, Predicate<JsonNode> key, int nth, Ids ids) {
        List<ObjectNode> matching = CAPTURED.stream().filter(record -> record.get("topic").asText().equals(topic))
                .filter(record -> key.test(record.get("key").get("payload")))
                .filter(record -> op == null ? record.get("value").isNull()
                        : !record.get("value").isNull() && op.equals(record.get("value").get("payload").path("op").asText()))
                .toList();
        return rewrite(matching.get(nth), ids);
    }

    /** The record with the test's ids: order ids (id, order_id), user ids (user_id, and a users row's id). */
    private static Change rewrite(ObjectNode captured, Ids ids) {
        String topic = captured.get("topic").asText();
        boolean users = topic.endsWith(".users");
        ObjectNode key = captured.get("key").deepCopy();
        ids((ObjectNode) key.get("payload"), users, ids);
        JsonNode value = captured.get("value").deepCopy();
        if (!value.isNull()) {
            for (String image : List.of("before", "after")) {
                if (value.get("payload").get(image) instanceof ObjectNode row) {
                    ids(row, users, ids);
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        captured.get("headersSimpleConverter").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return new Change(topic, key, value.isNull() ? null : value, headers);
    }

    private static void ids(ObjectNode row, boolean users, Ids ids) {
        if (row.has("id")) {
            long id = row.get("id").asLong();
            row.put("id", users ? ids.user(id) : ids.order(id));
        }
        if (row.has("order_id")) {
            row.put("order_id", ids.order(row.get("order_id").asLong()));
        }
        if (row.has("user_id")) {
            row.put("user_id", ids.user(row.get("user_id").asLong()));
        }
    }

    static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> load(String resource) {
        List<ObjectNode> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CapturedChanges.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                records.add((ObjectNode) JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
