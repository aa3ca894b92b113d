package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-part position rules of an order document: any order of arrival gives the same document. */
class OrderDocumentTest {

    private record Change(boolean order, long lineNo, long position, Map<String, Object> fields) {
        boolean applyTo(OrderDocument document) {
            return order ? document.order(position, fields, fields == null ? "d" : "u", null)
                    : document.line(lineNo, position, fields);
        }
    }

    @Test
    void everyPermutationWithDuplicatesConvergesThroughStoredForm() {
        List<Change> history = history(new Random(3));
        Map<String, Object> expected = sourceOf(history);
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            List<Change> delivered = new ArrayList<>(history);
            for (int i = 0; i < 10; i++) {
                delivered.add(history.get(random.nextInt(history.size())));
            }
            Collections.shuffle(delivered, random);
            // Stored and read back between changes, as the writer does across batches.
            Map<String, Object> stored = null;
            for (Change change : delivered) {
                OrderDocument document = stored == null ? OrderDocument.empty(1L) : OrderDocument.from(1L, stored);
                change.applyTo(document);
                stored = withoutIndexTime(document.toSource());
            }
            assertThat(stored).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void olderOrSameChangeDoesNotChangeTheDocument() {
        OrderDocument document = OrderDocument.empty(1L);
        assertThat(document.order(10, Map.of("status", "PAID"), "u", null)).isTrue();
        assertThat(document.order(10, Map.of("status", "PENDING"), "u", null)).isFalse();
        assertThat(document.order(9, null, "d", null)).isFalse();
        assertThat(document.line(1, 20, null)).isTrue();
        assertThat(document.line(1, 15, Map.of("quantity", 3L))).as("a removed line keeps its position").isFalse();
        assertThat((List<?>) document.toSource().get("lines")).isEmpty();
    }

    @Test
    void truncatesRemoveOnlyOlderParts() {
        OrderDocument document = OrderDocument.empty(1L);
        document.order(10, Map.of("status", "PAID"), "u", null);
        document.line(1, 11, Map.of("quantity", 1L));
        document.line(2, 40, Map.of("quantity", 2L));
        assertThat(document.truncateLines(30)).isTrue();
        assertThat(document.truncateOrder(30)).isTrue();
        assertThat(document.order(20, Map.of("status", "SHIPPED"), "u", null)).isFalse();
        Map<String, Object> source = document.toSource();
        assertThat(source).doesNotContainKey("status");
        assertThat((List<?>) source.get("lines")).hasSize(1);
        assertThat(cdc(source)).containsEntry("deleted", true).containsEntry("position", 30L);
    }

    private static List<Change> history(Random random) {
        List<Change> history = new ArrayList<>();
        for (long position = 1; position <= 30; position++) {
            int dice = random.nextInt(10);
            if (dice < 3) {
                history.add(new Change(true, 0, position, Map.of("status", "S" + position)));
            } else if (dice == 3) {
                history.add(new Change(true, 0, position, null));
            } else if (dice < 8) {
                history.add(new Change(false, 1 + random.nextInt(3), position, Map.of("quantity", position)));
            } else {
                history.add(new Change(false, 1 + random.nextInt(3), position, null));
            }
        }
        return history;
    }

    private static Map<String, Object> sourceOf(List<Change> history) {
        OrderDocument document = OrderDocument.empty(1L);
        history.forEach(change -> change.applyTo(document));
        return withoutIndexTime(document.toSource());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdc(Map<String, Object> source) {
        return (Map<String, Object>) source.get(Bookkeeping.FIELD);
    }

    private static Map<String, Object> withoutIndexTime(Map<String, Object> source) {
        cdc(source).remove("indexed_at");
        return source;
    }
}
