package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.DeadLetters;
import com.shop.cdc.common.service.ServiceName;
import com.shop.cdc.common.target.Targets;
import com.shop.cdc.common.target.WriteOutcome;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What every service does with a consumed batch: each record through the pipeline, every outcome
 * counted, the accepted changes handed to every target's {@link TargetLane}, and the records that
 * failed for good (rejected by the pipeline or refused by a target) sent to the dead letters. The
 * batch is acknowledged, so its offsets become committable, only when every target has written it
 * and every dead letter is kept. Up to {@code cdc.pipeline.in-flight-records} records are under way
 * at once: the next batches are decoded while the targets write the previous ones. The bound is in
 * records, not batches, so that when the stream is quiet and polls return a few records each, many
 * of them can queue for a target and go out as one write.
 */
@ApplicationScoped
@Startup
public class BatchProcessor {

    private final Decoding decoding;
    private final ChangeMetrics metrics;
    private final DeadLetters deadLetters;
    private final String service;
    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);
    /** Below the shutdown timeout (30 s in the deployment), so that committing still fits. */
    private static final long FINISH_SECONDS = 20;

    private final Clock clock = Clock.systemUTC();
    private final List<TargetLane> lanes;
    private final int maxInFlight;
    private final Semaphore inFlight;
    /** Dead letters, then the acknowledgement, of one batch after another, off the targets' threads. */
    private final ExecutorService acknowledgements = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdc-acknowledge");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;
    /** The batch before, done or failed: batches finish in the order consumed (only the consumer's thread sets it). */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    public BatchProcessor(Decoding decoding, ChangeMetrics metrics, Targets targets, TargetWrites writes,
                          DeadLetters deadLetters, PipelineConfig config, ServiceName service) {
        if (config.inFlightRecords() < 1) {
            throw new IllegalArgumentException("cdc.pipeline.in-flight-records must be at least 1, not "
                    + config.inFlightRecords());
        }
        this.decoding = decoding;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.service = service.value();
        this.maxInFlight = config.inFlightRecords();
        this.inFlight = new Semaphore(maxInFlight);
        this.lanes = targets.writers().stream().map(writer ->
                new TargetLane(writer.target(), writer::prepare, changes -> writes.write(writer, changes))).toList();
        lanes.forEach(metrics::watch);
    }

    /**
     * Starts the batch through the pipeline and its targets, waiting first while as many records as
     * allowed are under way; acknowledges it (or reports its failure) when it is done.
     */
    public void handle(Message<ConsumerRecords<byte[], byte[]>> batch) {
        if (closing) {
            throw new IllegalStateException("the service is stopping: this batch stays uncommitted for the next consumer");
        }
        int permits = Math.max(1, Math.min(batch.getPayload().count(), maxInFlight)); // a larger batch goes alone
        inFlight.acquireUninterruptibly(permits);
        CompletableFuture<Void> done;
        try {
            done = process(batch.getPayload());
        } catch (RuntimeException e) {
            inFlight.release(permits);
            throw e;
        }
        done.whenComplete((ignored, failure) -> {
            inFlight.release(permits);
            if (failure == null) {
                batch.ack();
            } else {
                batch.nack(failure instanceof CompletionException ? failure.getCause() : failure);
            }
        });
    }

    /**
     * Graceful shutdown, before the clients of the targets close: the batches under way are
     * finished (their offsets become committable, and are committed as the consumer closes), and no
     * new batch starts. Bounded: a batch still waiting for a target then stays uncommitted.
     */
    void finishInFlight(@Observes @Priority(1) ShutdownEvent event) {
        closing = true;
        try {
            if (inFlight.tryAcquire(maxInFlight, FINISH_SECONDS, TimeUnit.SECONDS)) {
                inFlight.release(maxInFlight);
            } else {
                LOG.warnf("the batches under way did not finish within %d s; they stay uncommitted", FINISH_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> process(ConsumerRecords<byte[], byte[]> batch) {
        List<RawRecord> consumed = new ArrayList<>(batch.count());
        batch.forEach(record -> consumed.add(raw(record)));
        Outcome[] decoded = decoding.decode(consumed);
        metrics.record(consumed.stream().map(record -> record.origin().topic()).toList(), decoded);
        List<RawRecord> records = new ArrayList<>(consumed.size());
        List<ChangeEvent> accepted = new ArrayList<>(consumed.size());
        List<DeadLetter> failed = new ArrayList<>();
        for (int i = 0; i < decoded.length; i++) {
            RawRecord record = consumed.get(i);
            if (decoded[i] instanceof Outcome.Accepted change) {
                records.add(record);
                accepted.add(change.event());
            } else if (decoded[i] instanceof Outcome.Rejected rejected) {
                failed.add(rejected.deadLetter(record, service, clock.instant()));
            }
        }
        List<CompletableFuture<List<WriteOutcome>>> written = new ArrayList<>(lanes.size());
        if (!accepted.isEmpty()) {
            lanes.forEach(lane -> written.add(lane.write(accepted)));
        }
        List<CompletableFuture<?>> awaited = new ArrayList<>(written);
        awaited.add(previous.exceptionally(failure -> null));
        previous = CompletableFuture.allOf(awaited.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
            for (int t = 0; t < written.size(); t++) {
                List<WriteOutcome> outcomes = written.get(t).join();
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).isRejected()) {
                        failed.add(DeadLetter.refused(records.get(i), lanes.get(t).target(),
                                outcomes.get(i).reason(), service, clock.instant()));
                    }
                }
            }
            deadLetters.send(failed);
        }, acknowledgements);
        return previous;
    }

    @PreDestroy
    void stop() {
        lanes.forEach(TargetLane::stop);
        acknowledgements.shutdownNow();
    }

    /** A consumed record as the pipeline takes it: the consumer's, a reconciliation's replay and a lookup's alike. */
    public static RawRecord raw(ConsumerRecord<byte[], byte[]> record) {
        Header[] all = record.headers().toArray();
        Map<String, byte[]> headers = all.length == 0 ? Map.of() : new LinkedHashMap<>();
        for (Header header : all) {
            headers.put(header.key(), header.value());
        }
        return new RawRecord(new KafkaCoordinates(record.topic(), record.partition(), record.offset(), record.timestamp()),
                record.key(), record.value(), headers);
    }
}
