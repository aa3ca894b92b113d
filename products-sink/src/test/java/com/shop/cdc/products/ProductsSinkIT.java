package com.shop.cdc.products;

import static com.shop.cdc.products.ProductChanges.TOPIC;
import static com.shop.cdc.products.ProductChanges.create;
import static com.shop.cdc.products.ProductChanges.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterFilter;
import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import com.shop.cdc.testing.ChangeFeed;
import com.shop.cdc.testing.TargetStores;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.math.BigDecimal;
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
 * products-sink as shipped, fed MongoDB change events in Debezium's envelope (ObjectIds of the
 * test's own), end to end into Redis, the DuckDB warehouse, the PostgreSQL ledger and the
 * dead-letter topic: exact values, an update and a delete as MongoDB made them, and each kind of
 * bad record dead-lettered at its stage while the rest of its batch is written.
 */
@QuarkusTest
@TestProfile(ShippedConfiguration.class)
class ProductsSinkIT {

    /** Dead letters are looked up among those of this run (the ledger keeps every run's). */
    private static final Instant STARTED = Instant.now().minusSeconds(60);
    private static final String PRODUCT_ROW = "SELECT sku, name, category, price, stock, rating, CAST(created_at AS VARCHAR)"
            + " AS created, CAST(tags AS VARCHAR) AS tags, CAST(attributes AS VARCHAR) AS attributes, _deleted, _op"
            + " FROM PRODUCTS WHERE _id = ?";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Redis redis;
    @Inject
    DeadLetterLedger ledger;

    private ChangeFeed feed;
    private TargetStores stores;

    /** The dead-letter topic is created like its source topic, which therefore must exist (it does once Debezium ran). */
    @BeforeAll
    static void sourceTopic() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.empty(), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
        }
    }

    @BeforeEach
    void clients() {
        feed = new ChangeFeed(connector);
        stores = new TargetStores(redis, ShippedConfiguration.WAREHOUSE);
    }

    @Test
    void aCreatedDocumentIsWrittenWithExactValues() {
        String id = freshId();
        feed.batch(create(id));

        JsonNode cached = stores.json("product:{" + id + "}");
        assertThat(cached.get("_id").asText()).isEqualTo(id);
        assertThat(cached.get("sku").asText()).isEqualTo("SKU-RUN-01");
        assertThat(cached.get("name").asText()).isEqualTo("Trail shoe été 🎉");
        assertThat(cached.get("price").asText()).isEqualTo("149.90");
        assertThat(cached.get("stock").asLong()).isEqualTo(12);
        assertThat(cached.get("rating").asDouble()).isEqualTo(4.5);
        assertThat(cached.get("created_at").asText()).isEqualTo("2024-01-15T09:31:00.123Z");
        assertThat(cached.get("tags").toString()).isEqualTo("[\"shoes\",null]");
        assertThat(cached.get("attributes").toString()).isEqualTo("{\"color\":\"red\",\"weight_g\":350}");

        assertThat(stores.row(PRODUCT_ROW, id)).containsEntry("sku", "SKU-RUN-01").containsEntry("name", "Trail shoe été 🎉")
                .containsEntry("category", "shoes").containsEntry("price", new BigDecimal("149.90"))
                .containsEntry("stock", 12L).containsEntry("rating", 4.5)
                .containsEntry("created", "2024-01-15 09:31:00.123+00").containsEntry("tags", "[\"shoes\",null]")
                .containsEntry("attributes", "{\"color\":\"red\",\"weight_g\":350}").containsEntry("_deleted", false);
    }

    @Test
    void anUpdateThenADeleteEndAsInTheSource() {
        String id = freshId();
        feed.batch(create(id));
        feed.batch(ProductChanges.update(id, doc -> {
            doc.put("name", "Trail shoe v2");
            doc.putObject("price").put("$numberDecimal", "99999999.99");
            doc.putObject("stock").put("$numberLong", "7");
        }, "{\"name\": \"Trail shoe v2\", \"price\": {\"$numberDecimal\": \"99999999.99\"}, \"stock\": 7}"));

        JsonNode cached = stores.json("product:{" + id + "}");
        assertThat(cached.get("name").asText()).isEqualTo("Trail shoe v2");
        assertThat(cached.get("price").asText()).isEqualTo("99999999.99");
        assertThat(cached.get("stock").asLong()).isEqualTo(7);
        assertThat(stores.row(PRODUCT_ROW, id)).containsEntry("name", "Trail shoe v2")
                .containsEntry("price", new BigDecimal("99999999.99")).containsEntry("stock", 7L)
                .containsEntry("sku", "SKU-RUN-01").containsEntry("_op", "u");

        feed.batch(ProductChanges.delete(id), ProductChanges.tombstone(id));
        assertThat(stores.exists("product:{" + id + "}")).as("a deleted product leaves the cache").isFalse();
        assertThat(stores.exists("product:{" + id + "}:pos")).as("its delete marker stays").isTrue();
        assertThat(stores.row(PRODUCT_ROW, id)).as("a soft delete keeps the key only")
                .containsEntry("_deleted", true).containsEntry("_op", "d").containsEntry("sku", null);
    }

    @Test
    void documentsBreakingAShippedRuleAreDeadLetteredAtValidateAndTheRestOfTheBatchIsWritten() {
        String negative = freshId();
        String unnamed = freshId();
        String valid = freshId();
        List<ChangeFeed.Sent> sent = feed.batch(
                create(negative, doc -> doc.putObject("price").put("$numberDecimal", "-0.01")),
                create(unnamed, doc -> doc.remove("name")),
                create(valid));

        assertThat(stores.json("product:{" + valid + "}").get("price").asText()).isEqualTo("149.90");
        assertThat(stores.row(PRODUCT_ROW, valid)).containsEntry("price", new BigDecimal("149.90"));
        for (String rejected : List.of(negative, unnamed)) {
            assertThat(stores.exists("product:{" + rejected + "}")).isFalse();
            assertThat(stores.row(PRODUCT_ROW, rejected)).isNull();
        }
        DeadLetterEntry price = letter(sent.get(0));
        assertThat(price.stage).isEqualTo("validate");
        assertThat(price.message).contains("price -0.01 should be at least 0");
        assertThat(price.violations).contains("\"rule\":\"min\"");
        DeadLetterEntry name = letter(sent.get(1));
        assertThat(name.stage).isEqualTo("validate");
        assertThat(name.message).contains("name is required");
        assertThat(name.violations).contains("\"rule\":\"required\"");
        assertThat(letter(sent.get(2))).isNull();
    }

    @Test
    void aChangeOfACollectionTheServiceDoesNotKeepIsDeadLetteredAtRoute() {
        String valid = freshId();
        long customer = System.currentTimeMillis();
        List<ChangeFeed.Sent> sent = feed.batch(ProductChanges.customersDelete(customer), create(valid));

        DeadLetterEntry letter = letter(sent.get(0));
        assertThat(letter.stage).isEqualTo("route");
        assertThat(letter.message).contains("no target of " + ShippedConfiguration.SERVICE + " keeps source table",
                "inventory.customers", "redis keeps [products]", "warehouse keeps [products]");
        assertThat(letter.publishedAt).as("published to the dead-letter topic").isNotNull();
        assertThat(stores.exists("product:{" + valid + "}")).isTrue();
    }

    @Test
    void aValueThatIsNotJsonIsDeadLetteredAtDecodeAndConsumingGoesOn() {
        String broken = freshId();
        ProductChanges.Change change = create(broken);
        byte[] cut = Arrays.copyOf(change.valueBytes(), change.valueBytes().length / 2);
        ChangeFeed.Sent sent = feed.raw(TOPIC, change.keyBytes(), cut);

        DeadLetterEntry letter = letter(sent);
        assertThat(letter.stage).isEqualTo("decode");
        assertThat(letter.message).contains("the value is not valid JSON");
        assertThat(letter.recordValue).isEqualTo(cut);
        assertThat(letter.publishedAt).as("published to the dead-letter topic").isNotNull();
        assertThat(stores.exists("product:{" + broken + "}")).isFalse();

        String later = freshId();
        feed.batch(create(later));
        assertThat(stores.json("product:{" + later + "}").get("sku").asText()).isEqualTo("SKU-RUN-01");
        assertThat(stores.row(PRODUCT_ROW, later)).containsEntry("_deleted", false);
    }

    /** The ledger's entry for a record: the batch was acknowledged, so its dead letters are kept already. */
    private DeadLetterEntry letter(ChangeFeed.Sent sent) {
        return ledger.list(new DeadLetterFilter(sent.topic(), null, null, null, STARTED, null), 0, 200).entries().stream()
                .filter(entry -> entry.sourceOffset == sent.offset()).findFirst().orElse(null);
    }
}
