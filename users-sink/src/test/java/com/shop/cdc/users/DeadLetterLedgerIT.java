package com.shop.cdc.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterFilter;
import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger on the real PostgreSQL: one row per source record, even across a re-created topic. */
@QuarkusTest
class DeadLetterLedgerIT {

    @Inject
    DeadLetterLedger ledger;

    final String topic = "it.ledger." + UUID.randomUUID();
    final long now = System.currentTimeMillis();

    @Test
    void aRedeliveryUpdatesItsRowAndAnotherRecordAtTheSameOffsetGetsItsOwn() {
        DeadLetter first = letter(now - 60_000, "first");
        DeadLetter afterTopicRecreated = letter(now, "second");

        assertThat(attempts(ledger.record(List.of(first)))).containsExactly(1);
        assertThat(attempts(ledger.record(List.of(afterTopicRecreated)))).as("a new record at a reused offset").containsExactly(1);
        assertThat(attempts(ledger.record(List.of(first)))).as("the first record delivered again").containsExactly(2);

        List<DeadLetterEntry> entries = ledger.list(new DeadLetterFilter(topic, null, null, null, null, null), 0, 10)
                .entries();
        assertThat(entries).extracting(entry -> new String(entry.recordValue, StandardCharsets.UTF_8))
                .containsExactly("first", "second");
        assertThat(entries).extracting(entry -> entry.attempts).containsExactly(2, 1);
    }

    @Test
    void aRecordDeliveredAgainThatFailsTheSameWayIsPublishedOnceAndANewFailureAgain() {
        DeadLetter letter = letter(now, "once");
        DeadLetterLedger.Recorded first = ledger.record(List.of(letter)).get(0);
        assertThat(first.unpublished()).isTrue();
        assertThat(ledger.record(List.of(letter)).get(0).unpublished()).as("not yet acknowledged by the topic").isTrue();

        ledger.published(List.of(first.id()));
        assertThat(ledger.record(List.of(letter)).get(0).unpublished()).as("the same failure after a restart").isFalse();

        DeadLetter otherFailure = new DeadLetter(letter.record(), "users-sink", "validate", "ValidationFailure",
                "1 rule(s) broken", "email", "", List.of(), Instant.ofEpochMilli(now));
        assertThat(ledger.record(List.of(otherFailure)).get(0).unpublished()).as("a different failure").isTrue();
    }

    private static List<Integer> attempts(List<DeadLetterLedger.Recorded> recorded) {
        return recorded.stream().map(DeadLetterLedger.Recorded::attempts).toList();
    }

    private DeadLetter letter(long timestamp, String value) {
        RawRecord record = new RawRecord(new KafkaCoordinates(topic, 0, 7, timestamp), "k".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), Map.of());
        return new DeadLetter(record, "users-sink", "decode", "DecodeFailure", "not JSON", null, "", List.of(),
                Instant.ofEpochMilli(timestamp));
    }
}
