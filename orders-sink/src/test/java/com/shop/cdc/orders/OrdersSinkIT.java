package com.shop.cdc.orders;

import static com.shop.cdc.orders.CapturedChanges.ITEMS;
import static com.shop.cdc.orders.CapturedChanges.ORDERS;
import static com.shop.cdc.orders.CapturedChanges.item;
import static com.shop.cdc.orders.CapturedChanges.order;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterFilter;
import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import com.shop.cdc.orders.CapturedChanges.Ids;
import com.shop.cdc.testing.ChangeFeed;
import com.shop.cdc.testing.TargetStores;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * orders-sink as shipped, fed real MariaDB captures of {@code orders} and {@code order_items}
 * (ids of the test's own), end to end into Redis, the DuckDB warehouse, the PostgreSQL ledger and
 * the dead-letter topics: exact values, updates and deletes as the source made them, and each kind
 * of bad record dead-lettered at its stage while the rest of its batch is written.
 */
@QuarkusTest
@TestProfile(ShippedConfiguration.class)
class OrdersSinkIT {

    /** Dead letters are looked up among those of this run (the ledger keeps every run's). */
    private static final Instant STARTED = Instant.now().minusSeconds(60);

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Redis redis;
    @Inject
    DeadLetterLedger ledger;

    private ChangeFeed feed;
    private TargetStores stores;
    private final Ids ids = Ids.fresh();

    /** Dead-letter topics are created like their source topics, which therefore must exist (they do once Debezium ran). */
    @BeforeAll
    static void sourceTopics() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
            for (String topic : List.of(ORDERS, ITEMS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
                }
            }
        }
    }

    @BeforeEach
    void clients() {
        feed = new ChangeFeed(connector);
        stores = new TargetStores(redis, ShippedConfiguration.WAREHOUSE);
    }

    @Test
    void capturedOrdersAndLinesAreWrittenWithExactValues() {
        feed.batch(order("r", 1, ids), order("r", 4, ids), item("r", 1, 1, ids), item("r", 4, 1, ids));
        long order1 = ids.order(1);
        long order4 = ids.order(4);

        JsonNode cached = stores.json("order:{" + order1 + "}");
        assertThat(cached.get("id").asLong()).isEqualTo(order1);
        assertThat(cached.get("user_id").asLong()).isEqualTo(ids.user(1));
        assertThat(cached.get("status").asText()).isEqualTo("PAID");
        assertThat(cached.get("total").asText()).isEqualTo("149.90");
        assertThat(cached.get("currency").asText()).isEqualTo("EUR");
        assertThat(cached.get("created_at").asText()).isEqualTo("2024-01-15T09:31:00.123Z");
        assertThat(cached.get("updated_at").asText()).isEqualTo("2024-01-15T09:31:05.654321Z");
        assertThat(cached.get("shipping_address").asText()).contains("\"city\":\"Paris\"");
        assertThat(stores.json("order:{" + order4 + "}").get("total").asText()).isEqualTo("9999999999.99");
        assertThat(stores.json("order:{" + order4 + "}").get("created_at").asText()).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(stores.score("user:{" + ids.user(1) + "}:orders", order1)).isEqualTo(1705311060123d);
        assertThat(stores.score("user:{" + ids.user(4) + "}:orders", order4)).isEqualTo(253402300799999d);

        Map<String, Object> stored = stores.row("SELECT user_id, status, total, currency, CAST(created_at AS VARCHAR) AS created,"
                + " _deleted FROM ORDERS WHERE id = ?", order1);
        assertThat(stored).containsEntry("user_id", ids.user(1)).containsEntry("status", "PAID")
                .containsEntry("total", new BigDecimal("149.90")).containsEntry("currency", "EUR")
                .containsEntry("created", "2024-01-15 09:31:00.123+00").containsEntry("_deleted", false);
        assertThat(stores.row("SELECT total FROM ORDERS WHERE id = ?", order4))
                .containsEntry("total", new BigDecimal("9999999999.99"));
        assertThat(stores.row("SELECT product_id, quantity, unit_price FROM ORDER_ITEMS WHERE order_id = ? AND line_no = 1", order1))
                .containsEntry("product_id", "65a1b2c3d4e5f6a7b8c9d0e1").containsEntry("quantity", 2L)
                .containsEntry("unit_price", new BigDecimal("49.95"));
        assertThat(stores.row("SELECT quantity, unit_price FROM ORDER_ITEMS WHERE order_id = ? AND line_no = 1", order4))
                .containsEntry("quantity", 1000L).containsEntry("unit_price", new BigDecimal("99999999.99"));
        assertThat(stores.exists("order_items:{" + order1 + "}")).as("order lines are kept in the warehouse only").isFalse();
    }

    @Test
    void updatesAndDeletesEndAsInTheSource() {
        long order1 = ids.order(1);
        long order4 = ids.order(4);
        feed.batch(order("r", 1, ids), order("r", 4, ids), item("r", 1, 2, ids));
        feed.batch(order("u", 1, 0, ids), item("u", 1, 2, ids));
        assertThat(stores.row("SELECT unit_price FROM ORDER_ITEMS WHERE order_id = ? AND line_no = 2", order1))
                .as("the line's price updated from 50.00").containsEntry("unit_price", new BigDecimal("45.00"));
        feed.batch(item("d", 1, 2, ids), item(null, 1, 2, ids), order("d", 4, ids), order(null, 4, ids),
                order("u", 1, 1, ids));

        JsonNode cached = stores.json("order:{" + order1 + "}");
        assertThat(cached.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(cached.get("updated_at").asText()).isEqualTo("2024-02-07T07:07:07.070707Z");
        assertThat(stores.row("SELECT status, CAST(updated_at AS VARCHAR) AS updated, _deleted FROM ORDERS WHERE id = ?", order1))
                .containsEntry("status", "SHIPPED").containsEntry("updated", "2024-02-07 07:07:07.070707+00")
                .containsEntry("_deleted", false);
        assertThat(stores.score("user:{" + ids.user(1) + "}:orders", order1)).isEqualTo(1705311060123d);

        assertThat(stores.exists("order:{" + order4 + "}")).as("a deleted order leaves the cache").isFalse();
        assertThat(stores.exists("order:{" + order4 + "}:pos")).as("its delete marker stays").isTrue();
        assertThat(stores.score("user:{" + ids.user(4) + "}:orders", order4)).as("and its user's recent orders").isNull();
        assertThat(stores.row("SELECT _deleted, _op, total FROM ORDERS WHERE id = ?", order4)).as("a soft delete keeps the key only")
                .containsEntry("_deleted", true).containsEntry("_op", "d").containsEntry("total", null);
        assertThat(stores.row("SELECT _deleted, _op FROM ORDER_ITEMS WHERE order_id = ? AND line_no = 2", order1))
                .containsEntry("_deleted", true).containsEntry("_op", "d");
    }

    @Test
    void anOrderMovedToAnotherUserLeavesTheFirstUsersRecentOrdersEvenAfterARejectedMove() {
        long order1 = ids.order(1);
        long otherUser = ids.user(9);
        feed.batch(order("r", 1, ids));
        feed.batch(order("u", 1, 0, ids).editingAfter(after -> after.put("user_id", otherUser).put("currency", "ZZZ")));
        assertThat(stores.score("user:{" + otherUser + "}:orders", order1)).as("a rejected move reaches no set").isNull();
        feed.batch(order("u", 1, 1, ids).editingAfter(after -> after.put("user_id", otherUser)));

        assertThat(stores.score("user:{" + ids.user(1) + "}:orders", order1)).isNull();
        assertThat(stores.score("user:{" + otherUser + "}:orders", order1)).isEqualTo(1705311060123d);
        assertThat(stores.json("order:{" + order1 + "}").get("user_id").asLong()).isEqualTo(otherUser);
        assertThat(stores.row("SELECT user_id, status FROM ORDERS WHERE id = ?", order1))
                .containsEntry("user_id", otherUser).containsEntry("status", "SHIPPED");
    }

    @Test
    void changesBreakingAShippedRuleAreDeadLetteredAtValidateAndTheRestOfTheBatchIsWritten() {
        List<ChangeFeed.Sent> sent = feed.batch(
                order("r", 2, ids).editingAfter(after -> after.put("status", "REFUNDED")),
                order("c", 6, ids), // captured as is: total -15.50
                item("c", 5, 3, ids), // captured as is: quantity 0
                order("r", 1, ids), item("r", 1, 1, ids));

        assertThat(stores.json("order:{" + ids.order(1) + "}").get("total").asText()).isEqualTo("149.90");
        assertThat(stores.row("SELECT unit_price FROM ORDER_ITEMS WHERE order_id = ? AND line_no = 1", ids.order(1)))
                .containsEntry("unit_price", new BigDecimal("49.95"));
        for (long rejected : List.of(2L, 6L)) {
            assertThat(stores.exists("order:{" + ids.order(rejected) + "}")).isFalse();
            assertThat(stores.row("SELECT id FROM ORDERS WHERE id = ?", ids.order(rejected))).isNull();
        }
        assertThat(stores.row("SELECT line_no FROM ORDER_ITEMS WHERE order_id = ?", ids.order(5))).isNull();

        JsonPath listed = given().auth().preemptive().basic("operator", "operator-secret")
                .queryParam("stage", "validate").queryParam("from", STARTED.toString()).queryParam("size", 200)
                .get("/dead-letters").then().statusCode(200).extract().jsonPath();
        assertThat(message(listed, sent.get(0))).contains("status 'REFUNDED' is not one of")
                .contains("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");
        assertThat(message(listed, sent.get(1))).contains("total -15.50 should be at least 0");
        assertThat(message(listed, sent.get(2))).contains("quantity 0 should be greater than 0");
        assertThat(letter(sent.get(0)).violations).contains("\"rule\":\"enum\"");
        assertThat(letter(sent.get(1)).violations).contains("\"rule\":\"min\"");
        assertThat(letter(sent.get(2)).violations).contains("\"rule\":\"positive\"");
        assertThat(letter(sent.get(3))).isNull();
    }

    @Test
    void aUsersChangeReachingOrdersSinkIsDeadLetteredAtRoute() {
        List<ChangeFeed.Sent> sent = feed.batch(CapturedChanges.usersDelete(ids).on(ORDERS), order("r", 1, ids));

        DeadLetterEntry letter = letter(sent.get(0));
        assertThat(letter.stage).isEqualTo("route");
        assertThat(letter.publishedAt).as("published to the dead-letter topic").isNotNull();
        assertThat(letter.message).contains("no target of " + ShippedConfiguration.SERVICE + " keeps source table",
                "public.users", "redis keeps [orders] (cdc.redis.tables", "warehouse keeps [", "order_items",
                "(cdc.warehouse.tables");
        assertThat(stores.exists("order:{" + ids.order(1) + "}")).isTrue();
    }

    @Test
    void aValueThatIsNotJsonIsDeadLetteredAtDecodeAndConsumingGoesOn() {
        CapturedChanges.Change captured = order("r", 1, ids);
        byte[] whole = captured.valueBytes();
        ChangeFeed.Sent cut = feed.raw(ORDERS, captured.keyBytes(), Arrays.copyOf(whole, whole.length / 2));

        DeadLetterEntry letter = letter(cut);
        assertThat(letter.stage).isEqualTo("decode");
        assertThat(letter.message).contains("the value is not valid JSON");
        assertThat(letter.publishedAt).as("published to the dead-letter topic").isNotNull();
        assertThat(letter.recordValue).isEqualTo(Arrays.copyOf(whole, whole.length / 2));
        assertThat(stores.exists("order:{" + ids.order(1) + "}")).isFalse();

        feed.batch(order("r", 4, ids));
        assertThat(stores.json("order:{" + ids.order(4) + "}").get("status").asText()).isEqualTo("CANCELLED");
        assertThat(new String(letter.recordKey, StandardCharsets.UTF_8)).contains("\"id\":" + ids.order(1));
    }

    /** The ledger's entry for a record: the batch was acknowledged, so its dead letters are kept already. */
    private DeadLetterEntry letter(ChangeFeed.Sent sent) {
        return ledger.list(new DeadLetterFilter(sent.topic(), null, null, null, STARTED, null), 0, 200).entries().stream()
                .filter(entry -> entry.sourceOffset == sent.offset()).findFirst().orElse(null);
    }

    private static String message(JsonPath listed, ChangeFeed.Sent sent) {
        List<Map<String, Object>> items = listed.getList("items");
        return items.stream().filter(item -> item.get("topic").equals(sent.topic())
                        && ((Number) item.get("offset")).longValue() == sent.offset())
                .map(item -> (String) item.get("message")).findFirst().orElse("(not listed)");
    }
}
