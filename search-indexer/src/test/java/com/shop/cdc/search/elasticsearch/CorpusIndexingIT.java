package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.decode.Decoded;
import com.shop.cdc.common.decode.Decoders;
import com.shop.cdc.common.decode.Format;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.target.WriteOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The captured Debezium corpus (core's test resources: real PostgreSQL and MariaDB connector
 * output with the edge values, deletes, primary-key changes and truncates) decoded and indexed, in
 * order and then shuffled: nothing is refused, and the indexes hold exactly the live rows.
 */
class CorpusIndexingIT {

    private static final Path CORPUS = Path.of("..", "core", "src", "test", "resources", "corpus");
    /** The corpus was captured from a PostgreSQL database named shop_users. */
    private static final String USERS = "shop_users.public.users";

    private final TestIndexes es = new TestIndexes();

    @AfterEach
    void removeIndexes() throws Exception {
        es.close();
    }

    @Test
    void postgresUsersIndexExactlyTheLiveRows() throws IOException {
        List<ChangeEvent> changes = decode("pg-default/pg.schemas-true.jsonl");
        ElasticsearchChangeWriter writer = es.writer(new Sources(TestIndexes.SOURCES.products(), USERS,
                TestIndexes.SOURCES.orders(), TestIndexes.SOURCES.orderItems()));
        assertThat(writer.write(changes)).noneMatch(WriteOutcome::isRejected).doesNotContain(WriteOutcome.IGNORED);
        assertThat(es.searchable(SearchIndex.USERS).keySet()).isEqualTo(live(changes, USERS, "id"));
        writeShuffled(writer, changes);
        assertThat(es.searchable(SearchIndex.USERS).keySet()).isEqualTo(live(changes, USERS, "id"));
    }

    @Test
    void mariadbOrdersAndLinesIndexExactlyTheLiveRows() throws IOException {
        List<ChangeEvent> changes = decode("mariadb-default/mariadb.schemas-true.jsonl");
        ElasticsearchChangeWriter writer = es.writer();
        assertThat(writer.write(changes)).noneMatch(WriteOutcome::isRejected).doesNotContain(WriteOutcome.IGNORED);
        assertOrders(changes);
        writeShuffled(writer, changes);
        assertOrders(changes);
    }

    private void assertOrders(List<ChangeEvent> changes) {
        assertThat(es.searchable(SearchIndex.ORDERS).keySet()).isEqualTo(live(changes, Events.ORDERS.qualifiedName(), "id"));
        Set<String> lines = new TreeSet<>();
        es.stored(SearchIndex.ORDERS).forEach((id, order) -> ((List<?>) order.get("lines")).forEach(line ->
                lines.add(id + "/" + ((Map<?, ?>) line).get("line_no"))));
        assertThat(lines).isEqualTo(live(changes, Events.ITEMS.qualifiedName(), "order_id", "line_no"));
    }

    private static void writeShuffled(ElasticsearchChangeWriter writer, List<ChangeEvent> changes) {
        List<ChangeEvent> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, new Random(11));
        for (int from = 0; from < shuffled.size(); from += 7) {
            assertThat(writer.write(shuffled.subList(from, Math.min(shuffled.size(), from + 7))))
                    .noneMatch(WriteOutcome::isRejected);
        }
    }

    /** Keys whose newest change is an upsert newer than the table's last truncate. */
    private static Set<String> live(List<ChangeEvent> changes, String table, String... keyFields) {
        long truncated = changes.stream().filter(c -> c.table().qualifiedName().equals(table))
                .filter(c -> c.operation() == Operation.TRUNCATE).mapToLong(c -> c.position().value()).max().orElse(0);
        Map<String, ChangeEvent> latest = new HashMap<>();
        for (ChangeEvent change : changes) {
            if (change.table().qualifiedName().equals(table) && change.operation() != Operation.TRUNCATE) {
                List<String> key = new ArrayList<>();
                for (String field : keyFields) {
                    key.add(String.valueOf(change.key().get(field)));
                }
                latest.merge(String.join("/", key), change, (a, b) -> b.position().isAfter(a.position()) ? b : a);
            }
        }
        Set<String> live = new TreeSet<>();
        latest.forEach((key, change) -> {
            if (change.operation().isUpsert() && change.position().value() > truncated) {
                live.add(key);
            }
        });
        assertThat(latest).as("the corpus has rows of %s", table).isNotEmpty();
        return live;
    }

    /** Every change of a corpus file, decoded as the services decode it (JSON converter with schemas). */
    private List<ChangeEvent> decode(String file) throws IOException {
        var decoder = Decoders.create(Format.DEBEZIUM_JSON, true, Map.of(), es.json, 8 * 1024 * 1024);
        List<ChangeEvent> changes = new ArrayList<>();
        long offset = 0;
        for (String line : Files.readAllLines(CORPUS.resolve(file), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode record = es.json.readTree(line);
            String topic = record.path("topic").asText();
            if (!topic.startsWith("shop.")) {
                continue; // schema changes and transaction metadata
            }
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = record.path("headersSimpleConverter").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                headers.put(header.getKey(), header.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
            Decoded decoded = decoder.decode(new RawRecord(new KafkaCoordinates(topic, 0, offset++, 0),
                    bytes(record.get("key")), bytes(record.get("value")), headers));
            if (decoded instanceof Decoded.Change change) {
                changes.add(change.event());
            }
        }
        return changes;
    }

    private byte[] bytes(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : es.json.writeValueAsBytes(node);
    }
}
