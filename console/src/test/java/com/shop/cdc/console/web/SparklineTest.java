package com.shop.cdc.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.lag.LagHistory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

    private static final Instant NOW = Instant.parse("2026-12-04T11:00:00Z");

    @Test
    void timeRunsLeftToRightOverTheHourAndTheLargestValueTouchesTheTop() {
        List<LagHistory.Sample> hour = List.of(new LagHistory.Sample(NOW.minusSeconds(3600), 0, 0),
                new LagHistory.Sample(NOW.minusSeconds(1800), 50, 0), new LagHistory.Sample(NOW, 100, 0));

        Sparkline line = Sparkline.of(hour, LagHistory.Sample::lag, NOW);

        assertThat(line.points()).isEqualTo("0.0,40.0 120.0,20.5 240.0,1.0");
        assertThat(line.maxRounded()).isEqualTo(100);
        assertThat(line.lastRounded()).isEqualTo(100);
    }

    @Test
    void noSamplesNoLine() {
        assertThat(Sparkline.of(List.of(), LagHistory.Sample::lag, NOW).points()).isEmpty();
    }
}
