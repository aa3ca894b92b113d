package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.DeadLetters;
import com.shop.cdc.common.ops.ChangeMetrics;
import com.shop.cdc.common.sink.ChangeWriter;
import com.shop.cdc.common.sink.TargetWrites;
import com.shop.cdc.common.sink.Targets;
import com.shop.cdc.common.sink.WriteOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every service does with a consumed batch: each record through the pipeline, every outcome
 * counted, the accepted changes written to each target in turn, and the records that failed for
 * good (rejected by the pipeline or refused by a target) sent to the dead letters. It returns only
 * when every target has acknowledged the batch and every dead letter is kept; only then are the
 * batch's offsets committable.
 */
@ApplicationScoped
public class BatchProcessor {

    private final ChangePipeline pipeline;
    private final ChangeMetrics metrics;
    private final Targets targets;
    private final TargetWrites writes;
    private final DeadLetters deadLetters;
    private final String service;
    private final Clock clock = Clock.systemUTC();

    public BatchProcessor(ChangePipeline pipeline, ChangeMetrics metrics, Targets targets, TargetWrites writes,
                          DeadLetters deadLetters, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.targets = targets;
        this.writes = writes;
        this.deadLetters = deadLetters;
        this.service = service;
    }

    public void handle(ConsumerRecords<byte[], byte[]> batch) {
        List<RawRecord> records = new ArrayList<>(batch.count());
        List<ChangeEvent> accepted = new ArrayList<>(batch.count());
        List<DeadLetter> failed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> consumed : batch) {
            RawRecord record = raw(consumed);
            Outcome outcome = pipeline.process(record);
            metrics.record(consumed.topic(), outcome);
            if (outcome instanceof Outcome.Accepted change) {
                records.add(record);
                accepted.add(change.event());
            } else if (outcome instanceof Outcome.Rejected rejected) {
                failed.add(DeadLetter.rejected(record, rejected, service, clock.instant()));
            }
        }
        if (!accepted.isEmpty()) {
            for (ChangeWriter writer : targets.writers()) {
                List<WriteOutcome> outcomes = writes.write(writer, accepted);
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).isRejected()) {
                        failed.add(DeadLetter.refused(records.get(i), writer.target(), outcomes.get(i).reason(), service,
                                clock.instant()));
                    }
                }
            }
        }
        deadLetters.send(failed);
    }

    static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new RawRecord(new KafkaCoordinates(record.topic(), record.partition(), record.offset(), record.timestamp()),
                record.key(), record.value(), headers);
    }
}
