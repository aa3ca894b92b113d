package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.DeadLetters;
import com.shop.cdc.common.ops.ChangeMetrics;
import com.shop.cdc.common.sink.TargetWrites;
import com.shop.cdc.common.sink.Targets;
import com.shop.cdc.common.sink.WriteOutcome;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What every service does with a consumed batch:
 * <ol>
 *   <li>each record through the pipeline, every outcome counted (on the consumer's thread);</li>
 *   <li>the accepted changes handed to every target's {@link TargetLane}, which writes them in
 *       order, with the batches queued behind them when the target is busy;</li>
 *   <li>once every target has acknowledged, the records that failed for good (rejected by the
 *       pipeline or refused by a target) sent to the dead letters, in batch order;</li>
 *   <li>then, and only then, the batch acknowledged: its offsets become committable.</li>
 * </ol>
 * While the targets write one batch the next is decoded; at most {@code batches-in-flight} wait,
 * then consumption waits too (no unbounded buffering while a target is down).
 */
@ApplicationScoped
@Startup
public class BatchProcessor {

    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);
    /** Below the shutdown timeout (30 s in the deployment), so that committing still fits. */
    private static final long FINISH_SECONDS = 20;
    /** How often a consumer waiting for room looks whether the service is stopping. */
    private static final long ROOM_POLL_MILLIS = 200;

    private final ChangePipeline pipeline;
    private final ChangeMetrics metrics;
    private final DeadLetters deadLetters;
    private final String service;
    private final int batchesInFlight;
    private final List<TargetLane> lanes = new ArrayList<>();
    /** Dead letters and acknowledgements, one batch after the other. */
    private final ExecutorService finisher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdc-batch-finisher");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<CompletableFuture<Void>> inFlight = new ConcurrentLinkedDeque<>();
    private final ReentrantLock submitting = new ReentrantLock();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean closing;

    public BatchProcessor(ChangePipeline pipeline, ChangeMetrics metrics, Targets targets, TargetWrites writes,
                          DeadLetters deadLetters, ProcessingConfig config,
                          @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.service = service;
        this.batchesInFlight = atLeastOne("cdc.processing.batches-in-flight", config.batchesInFlight());
        int maxChanges = atLeastOne("cdc.processing.max-changes-per-write", config.maxChangesPerWrite());
        targets.writers().forEach(writer -> lanes.add(new TargetLane(writer, writes, maxChanges)));
    }

    private static int atLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, was " + value);
        }
        return value;
    }

    /**
     * Takes a consumed batch (payload and {@link IncomingKafkaRecordBatchMetadata} of the Kafka
     * connector) and acknowledges it once every target and the dead letters have it. Returns when
     * there is room for the next batch.
     */
    public CompletionStage<Void> submit(Message<?> batch) {
        if (!awaitRoom()) { // stays unacknowledged: the next consumer of its partitions reads it again
            return CompletableFuture.completedFuture(null);
        }
        submitting.lock();
        try {
            if (closing) {
                return CompletableFuture.completedFuture(null);
            }
            ConsumerRecords<byte[], byte[]> records = records(batch);
            inFlight.addLast(process(records).thenCompose(done -> batch.ack()).toCompletableFuture()
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            LOG.infof("a batch of %d records stays unacknowledged: %s", records.count(), failure);
                        }
                    }));
            return CompletableFuture.completedFuture(null);
        } finally {
            submitting.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecords<byte[], byte[]> records(Message<?> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(metadata -> (ConsumerRecords<byte[], byte[]>) metadata.getRecords())
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka batch: set the channel's batch=true"));
    }

    /** Waits until fewer than {@code batches-in-flight} batches are in flight; false once the service stops. */
    private boolean awaitRoom() {
        while (true) {
            inFlight.removeIf(CompletableFuture::isDone);
            if (closing) {
                return false;
            }
            CompletableFuture<Void> oldest = inFlight.peekFirst();
            if (inFlight.size() < batchesInFlight || oldest == null) {
                return true;
            }
            try {
                oldest.get(ROOM_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException notYetOrFailed) {
                // look again: the service may be stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private CompletableFuture<Void> process(ConsumerRecords<byte[], byte[]> batch) {
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
        List<CompletableFuture<List<WriteOutcome>>> written = new ArrayList<>(lanes.size());
        if (!accepted.isEmpty()) {
            lanes.forEach(lane -> written.add(lane.submit(accepted)));
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
            for (int t = 0; t < written.size(); t++) {
                List<WriteOutcome> outcomes = written.get(t).join();
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).isRejected()) {
                        failed.add(DeadLetter.refused(records.get(i), lanes.get(t).writer().target(),
                                outcomes.get(i).reason(), service, clock.instant()));
                    }
                }
            }
            deadLetters.send(failed);
        }, finisher);
    }

    /**
     * Graceful shutdown, before the clients of the targets close: the batches in flight are finished
     * (their offsets become committable, and are committed as the consumer closes), and no new one
     * starts. Bounded: a batch still waiting for a target then stays unacknowledged.
     */
    void finishInFlight(@Observes @Priority(1) ShutdownEvent event) {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FINISH_SECONDS);
        try {
            if (!submitting.tryLock(FINISH_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("a batch was still being decoded after %d s", FINISH_SECONDS);
                return;
            }
            submitting.unlock();
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("the batches in flight did not finish within %d s; they stay unacknowledged", FINISH_SECONDS);
        } catch (ExecutionException e) {
            LOG.infof("a batch in flight failed while stopping; it stays unacknowledged: %s", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        lanes.forEach(TargetLane::close);
        finisher.shutdownNow();
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
