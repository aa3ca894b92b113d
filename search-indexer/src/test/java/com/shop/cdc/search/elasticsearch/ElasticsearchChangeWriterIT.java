package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer against the local Elasticsearch: every guarantee, on indexes of this run. */
class ElasticsearchChangeWriterIT {

    private final TestIndexes es = new TestIndexes();

    @AfterEach
    void removeIndexes() throws Exception {
        es.close();
    }

    @Test
    void replaysDuplicatesAndShufflesEndEqualToTheSource() {
        List<ChangeEvent> history = userHistory(150, 6, 1);
        // Small requests, several at once: the bulk limits cut every batch into many requests.
        ElasticsearchChangeWriter writer = es.writer(new BulkLimits(7, 2048, 3, 3, Duration.ofMillis(50)), 1);
        for (long seed = 1; seed <= 3; seed++) {
            List<ChangeEvent> delivered = shuffledWithDuplicates(history, seed);
            for (List<ChangeEvent> batch : batches(delivered, 40)) {
                assertThat(writer.write(batch)).hasSize(batch.size()).doesNotContain(WriteOutcome.IGNORED)
                        .noneMatch(WriteOutcome::isRejected);
            }
        }
        assertEqualToSource(history);
        // The same history once more, in order: nothing is newer than what the index holds.
        assertThat(writer.write(history)).containsOnly(WriteOutcome.STALE);
        assertEqualToSource(history);
    }

    @Test
    void olderChangeArrivingLaterIsStale() {
        ElasticsearchChangeWriter writer = es.writer();
        assertThat(writer.write(List.of(Events.user(1, 500, "new@example.com")))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(writer.write(List.of(Events.user(1, 400, "old@example.com")))).containsExactly(WriteOutcome.STALE);
        assertThat(writer.write(List.of(Events.user(1, 500, "new@example.com")))).containsExactly(WriteOutcome.STALE);
        assertThat(es.searchable(SearchIndex.USERS).get("1")).containsEntry("email", "new@example.com");
    }

    @Test
    void usersAreSearchableByNameAndEmailWithoutExcludedFields() {
        ElasticsearchChangeWriter writer = es.writer();
        writer.write(List.of(Events.user(42, 100, "Ada.Lovelace@example.com")));
        Map<String, Object> user = es.searchable(SearchIndex.USERS).get("42");
        assertThat(user).doesNotContainKey("phone").containsEntry("balance", "12.30").containsEntry("balance_minor", 1230)
                .containsEntry("created_at", "2024-01-01T00:00:00Z");
        assertThat(es.count(SearchIndex.USERS, Map.of("term", Map.of("email", "ada.lovelace@example.com")))).isEqualTo(1);
        assertThat(es.count(SearchIndex.USERS, Map.of("match", Map.of("full_name", "user 42")))).isEqualTo(1);
    }

    @Test
    void unchangedToastValuesKeepWhatTheDocumentHeld() {
        ElasticsearchChangeWriter writer = es.writer();
        Map<String, Object> unchanged = Map.of("preferences", Unavailable.VALUE);
        writer.write(List.of(Events.user(1, 10, Map.of("preferences", Map.of("theme", "dark")), null),
                Events.user(1, 20, unchanged, null))); // the earlier change of the batch holds it
        assertThat(es.searchable(SearchIndex.USERS).get("1")).containsEntry("preferences", Map.of("theme", "dark"));
        writer.write(List.of(Events.user(1, 30, unchanged, null))); // the index holds it
        assertThat(es.searchable(SearchIndex.USERS).get("1")).containsEntry("preferences", Map.of("theme", "dark"));
        Map<String, Object> before = new LinkedHashMap<>(Events.user(1, 30, unchanged, null).after());
        before.put("preferences", Map.of("theme", "light"));
        writer.write(List.of(Events.user(1, 40, unchanged, before))); // the before image holds it
        assertThat(es.searchable(SearchIndex.USERS).get("1")).containsEntry("preferences", Map.of("theme", "light"));
        assertThat(((Number) ((Map<?, ?>) es.searchable(SearchIndex.USERS).get("1").get("_cdc")).get("position")).longValue())
                .isEqualTo(Events.user(1, 40, "x").position().value());
    }

    @Test
    void productsKeepExactPricesAndFullText() {
        ElasticsearchChangeWriter writer = es.writer();
        writer.write(List.of(Events.product(1, 1000, Map.of("price", new BigDecimal("99999999.99"),
                "name", "Çhaussure 한국어 🎉 1"))));
        Map<String, Object> product = es.searchable(SearchIndex.PRODUCTS).get(Events.productId(1));
        assertThat(product).containsEntry("id", Events.productId(1)).containsEntry("price", "99999999.99")
                .containsEntry("price_minor", 9999999999L).doesNotContainKey("_id");
        assertThat(es.count(SearchIndex.PRODUCTS, Map.of("match", Map.of("name", "chaussure")))).isZero();
        assertThat(es.count(SearchIndex.PRODUCTS, Map.of("match", Map.of("name", "Çhaussure")))).isEqualTo(1);
        assertThat(es.count(SearchIndex.PRODUCTS, Map.of("match", Map.of("description", "fine product")))).isEqualTo(1);
        assertThat(es.count(SearchIndex.PRODUCTS, Map.of("term", Map.of("sku", "SKU-1")))).isEqualTo(1);
        assertThat(es.count(SearchIndex.PRODUCTS, Map.of("range", Map.of("price_minor", Map.of("gte", 9999999999L)))))
                .isEqualTo(1);
    }

    @Test
    void refusedDocumentIsRejectedWithItsErrorAndTheRestOfTheBulkIndexes() {
        ElasticsearchChangeWriter writer = es.writer();
        List<ChangeEvent> batch = List.of(
                Events.product(1, 1000, Map.of()),
                Events.product(2, 1000, Map.of("stock", "plenty")),
                Events.product(3, 1000, Map.of("price", new BigDecimal("1.005"))),
                Events.product(4, 1000, Map.of()));
        List<WriteOutcome> outcomes = writer.write(batch);
        assertThat(outcomes.get(0)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcomes.get(1).isRejected()).isTrue();
        assertThat(outcomes.get(1).reason()).contains(es.alias(SearchIndex.PRODUCTS)).contains("document_parsing_exception")
                .contains("[stock]");
        assertThat(outcomes.get(2).isRejected()).isTrue();
        assertThat(outcomes.get(2).reason()).contains("price").contains("1.005");
        assertThat(outcomes.get(3)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(es.searchable(SearchIndex.PRODUCTS)).containsOnlyKeys(Events.productId(1), Events.productId(4));
        // The next record after a refused one still indexes.
        assertThat(writer.write(List.of(Events.product(5, 1001, Map.of())))).containsExactly(WriteOutcome.WRITTEN);
    }

    @Test
    void refusedOrderLineIsRejectedAloneAndTheRestOfItsOrderIndexes() {
        ElasticsearchChangeWriter writer = es.writer();
        List<WriteOutcome> outcomes = writer.write(List.of(Events.order(1, 100, "PAID"), Events.item(1, 1, 110, 2L),
                Events.item(1, 2, 120, (Object) "lots"), Events.item(1, 3, 130, 3L), Events.order(2, 140, "PENDING")));
        assertThat(outcomes).element(2).satisfies(outcome -> assertThat(outcome.reason())
                .contains(es.alias(SearchIndex.ORDERS)).contains("lines.quantity").contains("lots"));
        assertThat(outcomes).elements(0, 1, 3, 4).containsOnly(WriteOutcome.WRITTEN);
        assertThat(lines(es.searchable(SearchIndex.ORDERS).get("1"))).containsOnlyKeys(1L, 3L);
        assertThat(es.searchable(SearchIndex.ORDERS)).containsOnlyKeys("1", "2");
    }

    @Test
    void aMappingThatConflictsWithTheDeclaredOneStopsTheStart() {
        es.http.call("PUT", "/" + es.alias(SearchIndex.USERS) + "-v1",
                Map.of("mappings", Map.of("properties", Map.of("email", Map.of("type", "long")))));
        assertThatThrownBy(() -> es.writer().setUp()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(es.alias(SearchIndex.USERS) + "-v1/_mapping").hasMessageContaining("email");
    }

    @Test
    void truncateRemovesOlderDocumentsAndKeepsLaterOnes() {
        ElasticsearchChangeWriter writer = es.writer();
        List<ChangeEvent> before = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            before.add(Events.user(id, 100 + id, "u" + id + "@example.com"));
        }
        writer.write(before);
        // From another partition, processed first: a row inserted after the truncate.
        writer.write(List.of(Events.user(11, 300, "after@example.com")));
        assertThat(writer.write(List.of(Events.usersTruncated(200)))).containsExactly(WriteOutcome.WRITTEN);
        // Late arrivals: one older than the truncate (stale, even for a key never seen), one newer.
        assertThat(writer.write(List.of(Events.user(12, 150, "late@example.com"), Events.user(3, 199, "x@example.com"),
                Events.user(13, 250, "new@example.com")))).containsExactly(WriteOutcome.STALE, WriteOutcome.STALE,
                WriteOutcome.WRITTEN);
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("11", "13");
        // Replaying everything, the truncate included, changes nothing.
        List<ChangeEvent> all = new ArrayList<>(before);
        all.add(Events.usersTruncated(200));
        all.add(Events.user(13, 250, "new@example.com"));
        writer.write(all);
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("11", "13");
    }

    @Test
    void truncateByAnotherInstanceIsHonouredByWhatThisOneWrites() {
        ElasticsearchChangeWriter one = es.writer();
        ElasticsearchChangeWriter other = es.writer();
        one.write(List.of(Events.user(1, 100, "a@example.com"))); // this instance now knows the barrier: none
        other.write(List.of(Events.usersTruncated(200)));
        one.write(List.of(Events.user(2, 150, "older@example.com"), Events.user(3, 250, "newer@example.com")));
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("3");
        assertThat(one.write(List.of(Events.user(4, 180, "late@example.com")))).containsExactly(WriteOutcome.STALE);
    }

    @Test
    void truncateInsideABatchAppliesWhatCameBeforeIt() {
        ElasticsearchChangeWriter writer = es.writer();
        assertThat(writer.write(List.of(Events.user(1, 100, "a@example.com"), Events.usersTruncated(200),
                Events.user(2, 300, "b@example.com")))).containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN,
                WriteOutcome.WRITTEN);
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("2");
    }

    @Test
    void ordersCarryTheirLinesAndEveryInterleavingConverges() {
        ElasticsearchChangeWriter writer = es.writer(new BulkLimits(5, 4096, 2, 3, Duration.ofMillis(50)), 1);
        List<ChangeEvent> history = orderHistory(40, 12, 7);
        for (long seed = 1; seed <= 3; seed++) {
            for (List<ChangeEvent> batch : batches(shuffledWithDuplicates(history, seed), 25)) {
                assertThat(writer.write(batch)).noneMatch(WriteOutcome::isRejected).doesNotContain(WriteOutcome.IGNORED);
            }
            assertOrdersEqualToSource(history);
        }
        assertThat(writer.write(history)).containsOnly(WriteOutcome.STALE);
    }

    @Test
    void itemsTruncateRemovesOlderLinesAndKeepsLaterOnes() {
        ElasticsearchChangeWriter writer = es.writer();
        writer.write(List.of(Events.order(1, 100, "PAID"), Events.item(1, 1, 110, 1), Events.item(1, 2, 120, 2),
                Events.item(2, 1, 130, 1)));
        writer.write(List.of(Events.item(1, 3, 400, 3))); // after the truncate, from another partition
        writer.write(List.of(Events.truncated(Events.ITEMS, 300)));
        assertThat(writer.write(List.of(Events.item(1, 4, 250, 4), Events.item(1, 2, 290, 9))))
                .containsOnly(WriteOutcome.STALE);
        Map<String, Map<String, Object>> orders = es.stored(SearchIndex.ORDERS);
        assertThat(lines(orders.get("1"))).containsOnlyKeys(3L);
        assertThat(lines(orders.get("2"))).isEmpty();
        assertThat(es.searchable(SearchIndex.ORDERS)).containsOnlyKeys("1").extractingByKey("1")
                .satisfies(order -> assertThat(order).containsEntry("status", "PAID"));
    }

    @Test
    void ordersTruncateHidesOlderOrdersAndKeepsTheirLines() {
        ElasticsearchChangeWriter writer = es.writer();
        writer.write(List.of(Events.order(1, 100, "PAID"), Events.item(1, 1, 110, 1), Events.order(2, 400, "PENDING")));
        writer.write(List.of(Events.truncated(Events.ORDERS, 300)));
        assertThat(writer.write(List.of(Events.order(3, 200, "PAID")))).containsExactly(WriteOutcome.STALE);
        assertThat(es.searchable(SearchIndex.ORDERS)).containsOnlyKeys("2");
        assertThat(lines(es.stored(SearchIndex.ORDERS).get("1"))).containsOnlyKeys(1L);
        assertThat(writer.write(List.of(Events.order(1, 500, "SHIPPED")))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(es.searchable(SearchIndex.ORDERS)).containsOnlyKeys("1", "2");
    }

    @Test
    void purgeRemovesOnlyOldMarkers() {
        ElasticsearchChangeWriter writer = es.writer();
        writer.write(List.of(Events.user(1, 100, "a@example.com"), Events.user(2, 100, "b@example.com"),
                Events.userDeleted(2, 200), Events.orderDeleted(5, 300), Events.orderDeleted(6, 300),
                Events.item(6, 1, 310, 1)));
        assertThat(writer.purgeMarkers(Instant.now().minus(Duration.ofHours(1)))).isZero();
        assertThat(writer.purgeMarkers(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(2);
        assertThat(es.stored(SearchIndex.USERS)).containsOnlyKeys("1");
        assertThat(es.stored(SearchIndex.ORDERS)).containsOnlyKeys("6"); // its line stays, waiting for its order
    }

    @Test
    void newGenerationIsWrittenDirectlyUntilTheAliasIsSwitched() {
        ElasticsearchChangeWriter first = es.writer();
        first.write(List.of(Events.user(1, 100, "a@example.com")));
        assertThat(first.writeTarget(SearchIndex.USERS)).isEqualTo(es.alias(SearchIndex.USERS));
        BulkLimits limits = new BulkLimits(1000, 5 * 1024 * 1024, 2, 3, Duration.ofMillis(50));
        ElasticsearchChangeWriter rebuild = es.writer(limits, 2);
        String next = es.alias(SearchIndex.USERS) + "-v2";
        assertThat(rebuild.writeTarget(SearchIndex.USERS)).isEqualTo(next);
        rebuild.write(List.of(Events.user(1, 100, "a@example.com"), Events.user(2, 110, "b@example.com")));
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("1");
        es.http.call("POST", "/_aliases", Map.of("actions", List.of(
                Map.of("remove", Map.of("index", es.alias(SearchIndex.USERS) + "-v1", "alias", es.alias(SearchIndex.USERS))),
                Map.of("add", Map.of("index", next, "alias", es.alias(SearchIndex.USERS), "is_write_index", true,
                        "filter", Map.of("bool", Map.of("must_not", Map.of("term", Map.of("_cdc.deleted", true)))))))));
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("1", "2");
        assertThat(es.writer(limits, 2).writeTarget(SearchIndex.USERS)).isEqualTo(es.alias(SearchIndex.USERS));
    }

    @Test
    void blockedItemsAreRetriedAloneAndTheBatchFailsOnlyIfTheyKeepFailing() throws Exception {
        ElasticsearchChangeWriter writer = es.writer(new BulkLimits(1000, 5 * 1024 * 1024, 2, 1, Duration.ofMillis(10)), 1);
        writer.setUp();
        String products = es.alias(SearchIndex.PRODUCTS) + "-v1";
        // The block a full disk sets: Elasticsearch answers 429 for each item of the index.
        es.http.call("PUT", "/" + products + "/_settings", Map.of("index.blocks.read_only_allow_delete", true));
        try {
            List<ChangeEvent> batch = List.of(Events.user(1, 100, "a@example.com"), Events.product(1, 1000, Map.of()));
            assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(TargetUnavailableException.class)
                    .hasMessageContaining("cluster_block_exception");
            assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("1"); // the items that went through stay

            ElasticsearchChangeWriter patient = es.writer(new BulkLimits(1000, 5 * 1024 * 1024, 2, 30, Duration.ofMillis(50)), 1);
            Thread unblock = new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                es.http.call("PUT", "/" + products + "/_settings", Collections.singletonMap("index.blocks.read_only_allow_delete", null));
            });
            unblock.start();
            assertThat(patient.write(batch)).containsExactly(WriteOutcome.STALE, WriteOutcome.WRITTEN);
            unblock.join();
            assertThat(es.searchable(SearchIndex.PRODUCTS)).containsOnlyKeys(Events.productId(1));
        } finally {
            es.http.call("PUT", "/" + products + "/_settings", Collections.singletonMap("index.blocks.read_only_allow_delete", null));
        }
    }

    @Test
    void aMissingAliasIsPutBackAtStartUp() {
        es.writer().write(List.of(Events.user(1, 100, "a@example.com"), Events.userDeleted(2, 100)));
        es.http.call("POST", "/_aliases", Map.of("actions", List.of(Map.of("remove",
                Map.of("index", es.alias(SearchIndex.USERS) + "-v1", "alias", es.alias(SearchIndex.USERS))))));
        ElasticsearchChangeWriter restarted = es.writer();
        assertThat(restarted.writeTarget(SearchIndex.USERS)).isEqualTo(es.alias(SearchIndex.USERS));
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("1");
    }

    @Test
    void unreachableElasticsearchIsUnavailable() throws Exception {
        try (RestClient closedPort = RestClient.builder(new HttpHost("127.0.0.1", 9)).build()) {
            ElasticsearchChangeWriter writer = new ElasticsearchChangeWriter(new ElasticsearchHttp(closedPort, es.json),
                    es.settings(new BulkLimits(10, 4096, 1, 1, Duration.ofMillis(10)), 1));
            assertThatThrownBy(() -> writer.write(List.of(Events.user(1, 100, "a@example.com"))))
                    .isInstanceOf(TargetUnavailableException.class);
            assertThatThrownBy(writer::probe).isInstanceOf(TargetUnavailableException.class);
        }
        es.writer().probe();
    }

    // ------------------------------------------------------------------ histories and expectations

    private static List<ChangeEvent> userHistory(int keys, int changesPerKey, long seed) {
        Random random = new Random(seed);
        List<ChangeEvent> history = new ArrayList<>();
        long lsn = 1000;
        for (int step = 0; step < keys * changesPerKey; step++) {
            long id = random.nextInt(keys);
            lsn += 1 + random.nextInt(50);
            history.add(random.nextInt(8) == 0 ? Events.userDeleted(id, lsn)
                    : Events.user(id, lsn, "u" + id + "-" + lsn + "@example.com"));
        }
        return history;
    }

    /** Orders created, updated and deleted; lines added, changed, removed and re-added; positions growing. */
    private static List<ChangeEvent> orderHistory(int orders, int changesPerOrder, long seed) {
        Random random = new Random(seed);
        List<ChangeEvent> history = new ArrayList<>();
        long pos = 1000;
        for (int step = 0; step < orders * changesPerOrder; step++) {
            long order = 1 + random.nextInt(orders);
            pos += 1 + random.nextInt(20);
            int dice = random.nextInt(10);
            if (dice < 3) {
                history.add(Events.order(order, pos, List.of("PENDING", "PAID", "SHIPPED").get(random.nextInt(3))));
            } else if (dice == 3) {
                history.add(Events.orderDeleted(order, pos));
            } else if (dice < 8) {
                history.add(Events.item(order, 1 + random.nextInt(4), pos, 1 + random.nextInt(9)));
            } else {
                history.add(Events.itemDeleted(order, 1 + random.nextInt(4), pos));
            }
        }
        return history;
    }

    private void assertEqualToSource(List<ChangeEvent> history) {
        Map<String, ChangeEvent> latest = latest(history, change -> String.valueOf(change.key().get("id")));
        Map<String, Map<String, Object>> searchable = es.searchable(SearchIndex.USERS);
        Map<String, String> expected = new TreeMap<>();
        latest.forEach((id, change) -> {
            if (change.operation() != Operation.DELETE) {
                expected.put(id, (String) change.after().get("email"));
            }
        });
        Map<String, String> actual = new TreeMap<>();
        searchable.forEach((id, document) -> actual.put(id, (String) document.get("email")));
        assertThat(actual).isEqualTo(expected);
        // Every deleted key keeps its marker with the delete's position.
        Map<String, Map<String, Object>> stored = es.stored(SearchIndex.USERS);
        latest.forEach((id, change) -> assertThat(((Number) cdc(stored.get(id)).get("position")).longValue())
                .as("position of %s", id).isEqualTo(change.position().value()));
    }

    private void assertOrdersEqualToSource(List<ChangeEvent> history) {
        Map<String, ChangeEvent> orders = latest(history.stream().filter(c -> c.table().equals(Events.ORDERS)).toList(),
                change -> String.valueOf(change.key().get("id")));
        Map<String, ChangeEvent> items = latest(history.stream().filter(c -> c.table().equals(Events.ITEMS)).toList(),
                change -> change.key().get("order_id") + "/" + change.key().get("line_no"));
        Map<String, Map<String, Object>> stored = es.stored(SearchIndex.ORDERS);
        Map<String, String> expectedOrders = new TreeMap<>();
        orders.forEach((id, change) -> {
            if (change.operation() != Operation.DELETE) {
                expectedOrders.put(id, (String) change.after().get("status"));
            }
        });
        Map<String, Long> expectedLines = new TreeMap<>();
        items.forEach((id, change) -> {
            if (change.operation() != Operation.DELETE) {
                expectedLines.put(id, (Long) change.after().get("quantity"));
            }
        });
        Map<String, String> actualOrders = new TreeMap<>();
        es.searchable(SearchIndex.ORDERS).forEach((id, document) -> actualOrders.put(id, (String) document.get("status")));
        Map<String, Long> actualLines = new TreeMap<>();
        stored.forEach((id, document) -> lines(document).forEach((lineNo, line) ->
                actualLines.put(id + "/" + lineNo, ((Number) line.get("quantity")).longValue())));
        assertThat(actualOrders).isEqualTo(expectedOrders);
        assertThat(actualLines).isEqualTo(expectedLines);
    }

    private static Map<String, ChangeEvent> latest(List<ChangeEvent> history,
                                                   java.util.function.Function<ChangeEvent, String> key) {
        Map<String, ChangeEvent> latest = new LinkedHashMap<>();
        history.forEach(change -> latest.merge(key.apply(change), change,
                (a, b) -> b.position().isAfter(a.position()) ? b : a));
        return latest;
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Map<String, Object>> lines(Map<String, Object> order) {
        Map<Long, Map<String, Object>> lines = new TreeMap<>();
        ((List<Map<String, Object>>) order.getOrDefault("lines", List.of())).forEach(line ->
                lines.put(((Number) line.get("line_no")).longValue(), line));
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdc(Map<String, Object> document) {
        return (Map<String, Object>) document.get("_cdc");
    }

    private static List<ChangeEvent> shuffledWithDuplicates(List<ChangeEvent> history, long seed) {
        Random random = new Random(seed);
        List<ChangeEvent> delivered = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 3; i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    private static List<List<ChangeEvent>> batches(List<ChangeEvent> changes, int size) {
        List<List<ChangeEvent>> batches = new ArrayList<>();
        for (int i = 0; i < changes.size(); i += size) {
            batches.add(changes.subList(i, Math.min(changes.size(), i + size)));
        }
        return batches;
    }
}
