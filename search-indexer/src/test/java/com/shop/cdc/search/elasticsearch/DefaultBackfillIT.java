package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.WriteOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ADD COLUMN … DEFAULT} fills the source's rows without events: the documents that lack the
 * column get its default, and nothing a change wrote is lost to it.
 */
class DefaultBackfillIT {

    private static final String USERS = TestIndexes.SOURCES.users();
    private static final String ORDERS = TestIndexes.SOURCES.orders();
    private static final String ITEMS = TestIndexes.SOURCES.orderItems();
    /** Small pages: a pass reads and writes the index in many requests, while changes keep arriving. */
    private static final BulkLimits PAGES = new BulkLimits(100, 5 * 1024 * 1024, 2, 3, Duration.ofMillis(50));

    private final TestIndexes es = new TestIndexes();

    @AfterEach
    void removeIndexes() throws Exception {
        es.close();
    }

    @Test
    void usersLackingAnAddedColumnGetItsDefaultAndKeepWhatChangesWrote() {
        ElasticsearchChangeWriter writer = es.writer(PAGES, 1);
        List<ChangeEvent> before = new ArrayList<>();
        for (long id = 1; id <= 1500; id++) {
            before.add(Events.user(id, 1_000 + id, "u" + id + "@example.com"));
        }
        before.set(0, Events.with(before.get(0), "tier", "gold")); // written by a change: stays
        before.set(1, Events.with(before.get(1), "tier", null)); // an explicit null stays too
        for (long id = 3; id <= 10; id++) {
            before.add(Events.userDeleted(id, 5_000 + id)); // markers: never resurrected
        }
        write(writer, before);

        // After the ALTER: every change declares the defaults, here of tier and of a personal field the index keeps out.
        Map<String, Object> declared = Map.of("tier", "basic", "phone", "+0000");
        write(writer, List.of(Events.declaring(Events.with(Events.user(2000, 10_000, "new@example.com"), "tier", "basic"), declared)));
        // Changes racing the pass: their values win whichever comes first.
        List<ChangeEvent> racing = new ArrayList<>();
        for (long id = 1400; id <= 1500; id++) {
            racing.add(Events.declaring(Events.with(Events.user(id, 20_000 + id, "u" + id + "@example.com"), "tier", "platinum"),
                    declared));
        }
        write(writer, racing);

        DefaultBackfill.Pass pass = awaitPass(writer, USERS, 1);
        assertThat(pass.fields()).containsExactlyInAnyOrder("tier", "phone");
        assertThat(pass.refused()).isZero();
        assertThat(pass.filled()).isBetween(1_389L, 1_490L); // users 11 to 1399 lacked it, 1400 to 1500 raced

        Map<String, Map<String, Object>> users = es.searchable(SearchIndex.USERS);
        assertThat(users).hasSize(1_500 - 8 + 1);
        users.forEach((id, user) -> {
            long n = Long.parseLong(id);
            String tier = n == 1 ? "gold" : n == 2 ? null : n >= 1400 && n <= 1500 ? "platinum" : "basic";
            assertThat(user).as("user %s", id).containsEntry("tier", tier).doesNotContainKey("phone");
        });
        Map<String, Map<String, Object>> stored = es.stored(SearchIndex.USERS);
        for (long id = 3; id <= 10; id++) {
            assertThat(stored.get(String.valueOf(id))).as("marker %s", id).containsOnlyKeys(Bookkeeping.FIELD);
        }

        // A restart passes over the index again: nothing lacks the default any more, nothing is written.
        Map<String, Long> seqNos = seqNos(SearchIndex.USERS);
        ElasticsearchChangeWriter restarted = es.writer(PAGES, 1);
        write(restarted, List.of(Events.declaring(Events.with(Events.user(2000, 30_000, "newer@example.com"), "tier", "basic"),
                declared)));
        assertThat(awaitPass(restarted, USERS, 1).filled()).isZero();
        Map<String, Long> after = seqNos(SearchIndex.USERS);
        after.remove("2000");
        seqNos.remove("2000");
        assertThat(after).isEqualTo(seqNos);
    }

    @Test
    void aChangeFromBeforeTheAlterArrivingAfterThePassGetsTheDefault() {
        ElasticsearchChangeWriter writer = es.writer();
        write(writer, List.of(Events.user(1, 100, "a@example.com"), Events.order(1, 100, "paid"), Events.item(1, 1, 101, 1L)));
        write(writer, List.of(Events.declaring(Events.with(Events.user(2, 10_000, "b@example.com"), "tier", "basic"),
                        Map.of("tier", "basic")), declaringOrder(2, 10_000), declaringItem(2, 1, 10_001)));
        awaitPass(writer, USERS, 1);
        awaitPass(writer, ORDERS, 1);
        awaitPass(writer, ITEMS, 1);
        // Their partitions lagged: older than the changes declaring the defaults, newer than what the documents hold.
        write(writer, List.of(Events.user(1, 500, "late@example.com"), Events.order(1, 500, "shipped"), Events.item(1, 1, 501, 3L)));
        // After a DROP COLUMN, a change lacking the field is written as it is.
        write(writer, List.of(Events.user(2, 20_000, "dropped@example.com")));

        Map<String, Map<String, Object>> users = es.searchable(SearchIndex.USERS);
        assertThat(users.get("1")).containsEntry("email", "late@example.com").containsEntry("tier", "basic");
        assertThat(users.get("2")).containsEntry("email", "dropped@example.com").doesNotContainKey("tier");
        Map<String, Object> order = es.searchable(SearchIndex.ORDERS).get("1");
        assertThat(order).containsEntry("status", "shipped").containsEntry("channel", "store");
        assertThat(order.get(OrderDocument.LINES)).asList().singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("quantity", 3).containsEntry("gift_wrap", false).containsEntry("discount", "0.00");
    }

    @Test
    void aChangeWrittenAfterThePassReadTheDocumentWins() {
        ElasticsearchChangeWriter writer = es.writer();
        write(writer, List.of(Events.user(1, 100, "a@example.com"), Events.user(2, 101, "b@example.com"),
                Events.user(3, 102, "c@example.com")));
        writer.setUp();
        IndexLayout layout = new IndexLayout(Map.of(SearchIndex.USERS, new IndexTarget(es.alias(SearchIndex.USERS), true)),
                Map.of(SearchIndex.USERS, es.alias(SearchIndex.USERS) + "-v1"));
        List<JsonNode> read = new ArrayList<>();
        new Sweeps(es.http, 100).forEachSourcedPage(layout.concrete(SearchIndex.USERS), Map.of("match_all", Map.of()),
                read::addAll);
        // Between the pass's read and its write: user 1 changes, user 2 is deleted.
        write(writer, List.of(Events.with(Events.user(1, 200, "a@example.com"), "tier", "gold"), Events.userDeleted(2, 201)));

        KeyedBackfill backfill = new KeyedBackfill(new Sweeps(es.http, 100),
                new BulkSender(es.http, new BulkLimits(100, 5 * 1024 * 1024, 1, 3, Duration.ofMillis(50))), es.http);
        DefaultFields tier = DefaultFields.of("tier", "basic", new UserDocuments(java.util.Set.of(), 2)::fields);
        BackfillCount count = backfill.fillPage(layout, SearchIndex.USERS, List.of(tier), read);

        assertThat(count.filledCount()).isEqualTo(1);
        assertThat(count.racedCount()).isEqualTo(2);
        Map<String, Map<String, Object>> stored = es.stored(SearchIndex.USERS);
        assertThat(stored.get("1")).containsEntry("tier", "gold");
        assertThat(stored.get("2")).containsOnlyKeys(Bookkeeping.FIELD);
        assertThat(stored.get("3")).containsEntry("tier", "basic").containsEntry("email", "c@example.com");
        // The rewrite kept the version the position set: the next change of the key is still newer, a replay still stale.
        assertThat(writer.write(List.of(Events.user(3, 102, "c@example.com")))).containsExactly(WriteOutcome.STALE);
        assertThat(writer.write(List.of(Events.user(3, 103, "d@example.com")))).containsExactly(WriteOutcome.WRITTEN);
    }

    @Test
    void ordersAndLinesLackingAnAddedColumnGetItsDefault() {
        ElasticsearchChangeWriter writer = es.writer(PAGES, 1);
        List<ChangeEvent> before = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            before.add(Events.order(id, 1_000 + id, "paid"));
            before.add(Events.item(id, 1, 2_000 + 2 * id, 1L));
            before.add(Events.item(id, 2, 2_001 + 2 * id, 2L));
        }
        before.set(0, Events.with(before.get(0), "channel", "web"));
        before.set(3, Events.with(before.get(3), "channel", null));
        before.set(7, Events.with(before.get(7), "gift_wrap", true)); // order 3, line 1
        before.add(Events.orderDeleted(4, 5_000)); // its lines stay, waiting: the order row is gone
        before.add(Events.item(301, 1, 5_001, 1L)); // lines of an order row not seen yet
        write(writer, before);

        write(writer, List.of(declaringOrder(1000, 10_000), declaringItem(1000, 1, 10_001)));
        List<ChangeEvent> racing = new ArrayList<>();
        for (long id = 250; id <= 300; id++) {
            racing.add(Events.declaring(Events.with(Events.order(id, 20_000 + id, "shipped"), "channel", "app"),
                    Map.of("channel", "store")));
        }
        write(writer, racing);

        awaitPass(writer, ORDERS, 1);
        awaitPass(writer, ITEMS, 1);
        Map<String, Map<String, Object>> orders = es.stored(SearchIndex.ORDERS);
        orders.forEach((id, order) -> {
            long n = Long.parseLong(id);
            assertThat(order).as("order %s", id).containsEntry("id", (int) n);
            @SuppressWarnings("unchecked")
            Map<String, Object> cdc = (Map<String, Object>) order.get(Bookkeeping.FIELD);
            if (n == 4 || n == 301) {
                assertThat(cdc).containsEntry("deleted", true);
                assertThat(order).doesNotContainKey("channel");
            } else {
                String channel = n == 1 ? "web" : n == 2 ? null : n >= 250 && n <= 300 ? "app" : "store";
                assertThat(order).as("order %s", id).containsEntry("channel", channel);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get(OrderDocument.LINES);
            for (Map<String, Object> line : lines) {
                boolean wrapped = n == 3 && ((Number) line.get(OrderDocument.LINE_NO)).longValue() == 1;
                assertThat(line).as("order %s line %s", id, line.get(OrderDocument.LINE_NO))
                        .containsEntry("gift_wrap", wrapped)
                        .containsEntry("discount", "0.00");
            }
        });
        assertThat(orders).hasSize(302);

        Map<String, Long> seqNos = seqNos(SearchIndex.ORDERS);
        ElasticsearchChangeWriter restarted = es.writer(PAGES, 1);
        write(restarted, List.of(declaringOrder(1000, 30_000), declaringItem(1000, 1, 30_001)));
        assertThat(awaitPass(restarted, ORDERS, 1).filled()).isZero();
        assertThat(awaitPass(restarted, ITEMS, 1).filled()).isZero();
        Map<String, Long> after = seqNos(SearchIndex.ORDERS);
        after.remove("1000");
        seqNos.remove("1000");
        assertThat(after).isEqualTo(seqNos);
    }

    /** An order change after {@code ADD COLUMN channel … DEFAULT 'store'}. */
    private static ChangeEvent declaringOrder(long id, long pos) {
        return Events.declaring(Events.with(Events.order(id, pos, "new"), "channel", "store"), Map.of("channel", "store"));
    }

    /** A line change after {@code ADD COLUMN gift_wrap … DEFAULT false, ADD COLUMN discount … DEFAULT 0.00}. */
    private static ChangeEvent declaringItem(long orderId, long lineNo, long pos) {
        ChangeEvent item = Events.with(Events.with(Events.item(orderId, lineNo, pos, 1L), "gift_wrap", false),
                "discount", new BigDecimal("0.00"));
        return Events.declaring(item, Map.of("gift_wrap", false, "discount", new BigDecimal("0.00")));
    }

    private static void write(ElasticsearchChangeWriter writer, List<ChangeEvent> changes) {
        assertThat(writer.write(changes)).doesNotContain(WriteOutcome.IGNORED).noneMatch(WriteOutcome::isRejected);
    }

    /** The {@code count}th pass over the table's documents, once finished. */
    private static DefaultBackfill.Pass awaitPass(ElasticsearchChangeWriter writer, String table, int count) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> writer.defaultsBackfilled().stream()
                .filter(pass -> pass.table().equals(table)).skip(count - 1).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** Every document's sequence number: a write of any kind changes it. */
    private Map<String, Long> seqNos(SearchIndex index) {
        String concrete = es.alias(index) + "-v1";
        es.http.call("POST", "/" + concrete + "/_refresh", null);
        JsonNode hits = es.http.call("POST", "/" + concrete + "/_search", Map.of("size", 10_000, "_source", false,
                "seq_no_primary_term", true, "query", Map.of("match_all", Map.of()))).path("hits").path("hits");
        Map<String, Long> seqNos = new HashMap<>();
        hits.forEach(hit -> seqNos.put(hit.path("_id").asText(), hit.path("_seq_no").asLong()));
        return seqNos;
    }
}
