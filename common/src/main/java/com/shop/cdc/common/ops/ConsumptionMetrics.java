package com.shop.cdc.common.ops;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** Counts the records a service consumed, per topic: {@code cdc_records_consumed_total{topic}}. */
@ApplicationScoped
public class ConsumptionMetrics {

    static final String CONSUMED = "cdc.records.consumed";

    private final MeterRegistry registry;

    public ConsumptionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void consumed(ConsumerRecords<?, ?> batch) {
        for (ConsumerRecord<?, ?> record : batch) {
            registry.counter(CONSUMED, "topic", record.topic()).increment();
        }
    }

    public double consumedFrom(String topic) {
        var counter = registry.find(CONSUMED).tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }
}
