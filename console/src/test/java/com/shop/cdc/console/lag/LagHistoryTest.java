package com.shop.cdc.console.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final LagHistory history = new LagHistory(null, null);

    @Test
    void theRateIsHowFarTheCommittedOffsetsMovedPerSecond() {
        history.record("users-sink", group(100, 500), T0);
        history.record("users-sink", group(400, 500), T0.plusSeconds(30));

        assertThat(history.of("users-sink")).extracting(LagHistory.Sample::lag).containsExactly(400L, 100L);
        assertThat(history.of("users-sink")).extracting(LagHistory.Sample::recordsPerSecond).containsExactly(0.0, 10.0);
    }

    @Test
    void aGroupThatCouldNotBeReadLeavesAGapNotAZeroRate() {
        history.record("users-sink", group(100, 500), T0);
        history.record("users-sink", new GroupLag("users-sink", List.of(), "Kafka did not answer"), T0.plusSeconds(30));
        history.record("users-sink", group(700, 900), T0.plusSeconds(60));

        assertThat(history.of("users-sink")).extracting(LagHistory.Sample::recordsPerSecond).containsExactly(0.0, 10.0);
    }

    @Test
    void keepsTheLastHour() {
        for (int minute = 0; minute <= 90; minute++) {
            history.record("users-sink", group(minute, 100), T0.plus(Duration.ofMinutes(minute)));
        }
        assertThat(history.of("users-sink")).hasSize(61).first().extracting(LagHistory.Sample::at)
                .isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(history.of("orders-sink")).isEmpty();
    }

    /** Two partitions, each at {@code committed} of {@code end}. */
    private static GroupLag group(long committed, long end) {
        return new GroupLag("users-sink", List.of(new PartitionLag("shop.public.users", 0, committed, end),
                new PartitionLag("shop.public.users", 1, 0, 0)), null);
    }
}
