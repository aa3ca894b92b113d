package com.shop.cdc.common.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what became of each consumed record: {@code cdc_records_consumed_total{topic}} and
 * {@code cdc_records_total{topic, outcome, detail}} where detail is the operation of an accepted
 * change, the stage of a rejected record, or the kind of a skipped one.
 */
@ApplicationScoped
public class ChangeMetrics {

    static final String CONSUMED = "cdc.records.consumed";
    static final String OUTCOMES = "cdc.records";

    private final MeterRegistry registry;

    public ChangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a batch: one counter update per topic and outcome, not two meter lookups per record. */
    public void record(List<String> topics, Outcome[] outcomes) {
        Map<String, long[]> consumed = new HashMap<>();
        Map<List<String>, long[]> ended = new HashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            String topic = topics.get(i);
            consumed.computeIfAbsent(topic, t -> new long[1])[0]++;
            ended.computeIfAbsent(List.of(topic, kind(outcomes[i]), detail(outcomes[i])), k -> new long[1])[0]++;
        }
        consumed.forEach((topic, count) -> registry.counter(CONSUMED, "topic", topic).increment(count[0]));
        ended.forEach((tags, count) -> registry.counter(OUTCOMES, "topic", tags.get(0), "outcome", tags.get(1),
                "detail", tags.get(2)).increment(count[0]));
    }

    private static String kind(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted) {
            return "accepted";
        }
        return outcome instanceof Outcome.Rejected ? "rejected" : "skipped";
    }

    private static String detail(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return accepted.event().operation().code();
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            return rejected.stage().label();
        }
        return ((Outcome.Skipped) outcome).record().getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** {@code cdc_target_queued_changes{target}}: what the lane holds for its target. */
    void watch(TargetLane lane) {
        Gauge.builder("cdc.target.queued.changes", lane, TargetLane::waiting)
                .description("changes handed to the target and not yet acknowledged: queued or being written")
                .tag("target", lane.target()).register(registry);
    }

    /** How many records of the topic ended with this outcome and detail. */
    public double count(String topic, String outcome, String detail) {
        var counter = registry.find(OUTCOMES).tags("topic", topic, "outcome", outcome, "detail", detail).counter();
        return counter == null ? 0 : counter.count();
    }

    public double consumedFrom(String topic) {
        var counter = registry.find(CONSUMED).tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }
}
