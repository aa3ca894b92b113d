package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.ops.ChangeMetrics;
import com.shop.cdc.common.sink.ChangeWriter;
import com.shop.cdc.common.sink.TargetWrites;
import com.shop.cdc.common.sink.Targets;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * What every service does with a consumed batch: each record through the pipeline, every outcome
 * counted, then the accepted changes written to each target in turn. It returns only when every
 * target has acknowledged the batch; only then are its offsets committable.
 */
@ApplicationScoped
public class BatchProcessor {

    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);

    private final ChangePipeline pipeline;
    private final ChangeMetrics metrics;
    private final Targets targets;
    private final TargetWrites writes;

    public BatchProcessor(ChangePipeline pipeline, ChangeMetrics metrics, Targets targets, TargetWrites writes) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.targets = targets;
        this.writes = writes;
    }

    public void handle(ConsumerRecords<byte[], byte[]> batch) {
        List<ChangeEvent> accepted = accept(batch);
        if (!accepted.isEmpty()) {
            for (ChangeWriter writer : targets.writers()) {
                writes.write(writer, accepted);
            }
        }
    }

    List<ChangeEvent> accept(ConsumerRecords<byte[], byte[]> batch) {
        List<ChangeEvent> accepted = new ArrayList<>(batch.count());
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            Outcome outcome = pipeline.process(raw(record));
            metrics.record(record.topic(), outcome);
            if (outcome instanceof Outcome.Accepted change) {
                accepted.add(change.event());
            } else if (outcome instanceof Outcome.Rejected rejected) {
                // Values stay out of the log line: it names where the record is and why it failed.
                LOG.warnf("rejected %s-%d@%d at %s: %s", record.topic(), record.partition(), record.offset(),
                        rejected.stage().label(), rejected.reason());
            }
        }
        return accepted;
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
