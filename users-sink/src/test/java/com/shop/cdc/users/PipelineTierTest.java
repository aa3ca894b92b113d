package com.shop.cdc.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterFilter;
import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch processor as the service runs it, fed by the in-memory connector and writing a target
 * in memory: acknowledgements in order and only once written, none while the target is down,
 * a bounded number of records in flight, a change the healthy target refuses or no target keeps
 * dead-lettered alone while the rest of its batch is written.
 */
@QuarkusTest
@TestProfile(InMemoryTier.class)
class PipelineTierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong OFFSETS = new AtomicLong(System.currentTimeMillis());
    private static final AtomicLong IDS = new AtomicLong(7_000_000_000L + System.currentTimeMillis() % 1_000_000_000L);

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    MemoryTarget target;
    @Inject
    DeadLetterLedger ledger;
    @Inject
    MeterRegistry registry;

    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Long> failed = new CopyOnWriteArrayList<>();

    /** Dead-letter topics take their source topic's partitions: the source topic exists, as it would. */
    @BeforeAll
    static void sourceTopic() throws InterruptedException {
        StackClients.ensureTopic(InMemoryTier.TOPIC, 1);
    }

    @BeforeEach
    void reset() {
        target.reset();
    }

    @Test
    void batchesAreAcknowledgedInOrderOnceWritten() {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(users(3)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() == 5);
        assertThat(acknowledged).containsExactlyElementsOf(sent);
        assertThat(failed).isEmpty();
        assertThat(target.rows()).hasSize(15);
    }

    @Test
    void nothingIsAcknowledgedWhileTheTargetIsDownAndAllOnceItIsBack() {
        target.down(true);
        long batch = send(users(4));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(acknowledged).doesNotContain(batch);
        given().get("/q/health/ready").then().statusCode(503).body(Matchers.containsString("memory"));
        given().get("/q/health/live").then().statusCode(200);

        target.down(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.contains(batch));
        assertThat(target.rows()).hasSize(4);
        assertThat(failed).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void recordsInFlightStayWithinTheBoundWhileTheTargetIsDown() {
        target.down(true);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 6; i++) {
                send(users(10));
            }
        });
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(registry.get("cdc.target.queued.changes").tag("target", "memory").gauge().value())
                .isLessThanOrEqualTo(InMemoryTier.IN_FLIGHT);
        assertThat(acknowledged).isEmpty();

        target.down(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() == 6);
        sending.join();
        assertThat(target.rows()).hasSize(60);
    }

    @Test
    void aChangeTheHealthyTargetRefusesIsDeadLetteredAloneAndTheBatchGoesOn() {
        List<byte[]> values = users(8);
        long refusedId = idOf(values.get(5));
        target.refuse(change -> Long.valueOf(refusedId).equals(change.key().get("id")));
        long batch = send(values);

        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.contains(batch));
        assertThat(target.rows()).hasSize(7).doesNotContainKey(refusedId);
        DeadLetterEntry letter = letterAt(batch + 5);
        assertThat(letter.stage).isEqualTo("write");
        assertThat(letter.message).contains("memory refused this change 2 time(s)", "value out of range for this target",
                "cdc.pipeline.write-attempts");
    }

    @Test
    void aChangeTheWriterGivesNoOutcomeIsDeadLetteredAsTheWritersFaultWithoutItsText() {
        List<byte[]> values = users(4);
        long unansweredId = idOf(values.get(2));
        target.leaveUnanswered(change -> Long.valueOf(unansweredId).equals(change.key().get("id")));
        long batch = send(values);

        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.contains(batch));
        assertThat(target.rows()).hasSize(3).doesNotContainKey(unansweredId);
        DeadLetterEntry letter = letterAt(batch + 2);
        assertThat(letter.stage).isEqualTo("write");
        assertThat(letter.message).contains("an internal error of the memory writer (IndexOutOfBoundsException)")
                .doesNotContain("outcomes for");
    }

    @Test
    void aChangeOfATableNoTargetKeepsIsDeadLetteredAtStageRoute() {
        List<byte[]> values = users(3);
        values.set(1, withTable(values.get(1), "audit", "customers"));
        long batch = send(values);

        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.contains(batch));
        assertThat(target.rows()).hasSize(2);
        DeadLetterEntry letter = letterAt(batch + 1);
        assertThat(letter.stage).isEqualTo("route");
        assertThat(letter.message).contains("shop.audit.customers", "memory.tables", "public.users");
    }

    private DeadLetterEntry letterAt(long offset) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(offset) != null);
        return find(offset);
    }

    private DeadLetterEntry find(long offset) {
        return ledger.list(new DeadLetterFilter(InMemoryTier.TOPIC, null, null, null, null, null), 0, 200).entries()
                .stream().filter(entry -> entry.sourceOffset == offset).findFirst().orElse(null);
    }

    /** Sends one batch whose records take consecutive offsets; returns its first offset. */
    private long send(List<byte[]> values) {
        long first = OFFSETS.getAndAdd(values.size());
        TopicPartition partition = new TopicPartition(InMemoryTier.TOPIC, 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] key = ("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"}]},"
                    + "\"payload\":{\"id\":" + idOf(values.get(i)) + "}}").getBytes(StandardCharsets.UTF_8);
            records.add(new ConsumerRecord<>(InMemoryTier.TOPIC, 0, first + i, key, values.get(i)));
        }
        ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(Map.of(partition, records), Map.of());
        connector.source("changes").send(Message.of(batch, () -> {
            acknowledged.add(first);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            failed.add(first);
            return CompletableFuture.completedFuture(null);
        }));
        return first;
    }

    private static List<byte[]> users(int count) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = IDS.incrementAndGet();
            ObjectNode value = template();
            ObjectNode payload = (ObjectNode) value.get("payload");
            ((ObjectNode) payload.get("after")).put("id", id).put("email", "tier" + id + "@example.com");
            ((ObjectNode) payload.get("source")).put("lsn", id).put("sequence", "[null,\"" + id + "\"]");
            values.add(bytes(value));
        }
        return values;
    }

    private static byte[] withTable(byte[] value, String schema, String table) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(value);
            ((ObjectNode) tree.get("payload").get("source")).put("schema", schema).put("table", table);
            return bytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long idOf(byte[] value) {
        try {
            return JSON.readTree(value).get("payload").get("after").get("id").longValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode template() {
        try (InputStream in = PipelineTierTest.class.getResourceAsStream("/users-create.json")) {
            return (ObjectNode) JSON.readTree(in).get("value");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
