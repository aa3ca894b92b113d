package com.shop.cdc.common.ops;

import com.shop.cdc.common.pipeline.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

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

    public void record(String topic, Outcome outcome) {
        registry.counter(CONSUMED, "topic", topic).increment();
        String kind;
        String detail;
        if (outcome instanceof Outcome.Accepted accepted) {
            kind = "accepted";
            detail = accepted.event().operation().code();
        } else if (outcome instanceof Outcome.Rejected rejected) {
            kind = "rejected";
            detail = rejected.stage().label();
        } else {
            kind = "skipped";
            detail = ((Outcome.Skipped) outcome).record().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }
        registry.counter(OUTCOMES, "topic", topic, "outcome", kind, "detail", detail).increment();
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
