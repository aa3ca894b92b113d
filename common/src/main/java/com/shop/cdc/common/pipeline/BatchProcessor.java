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
import io.quarkus.runtime.ShutdownEvent;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What every service does with a consumed batch: each record through the pipeline, every outcome
 * counted, the accepted changes written to every target at once, and the records that failed for
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
    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);
    /** Below the shutdown timeout (30 s in the deployment), so that committing still fits. */
    private static final long FINISH_SECONDS = 20;

    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock inFlight = new ReentrantLock();
    private volatile boolean closing;
    /** The targets of a batch are written at once, each on its own thread: a batch costs the slowest, not the sum. */
    private final ExecutorService targetThreads;

    public BatchProcessor(ChangePipeline pipeline, ChangeMetrics metrics, Targets targets, TargetWrites writes,
                          DeadLetters deadLetters, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.targets = targets;
        this.writes = writes;
        this.deadLetters = deadLetters;
        this.service = service;
        AtomicInteger number = new AtomicInteger();
        this.targetThreads = Executors.newFixedThreadPool(Math.max(1, targets.writers().size()), runnable -> {
            Thread thread = new Thread(runnable, "cdc-target-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void handle(ConsumerRecords<byte[], byte[]> batch) {
        if (closing) {
            throw new IllegalStateException("the service is stopping: this batch stays uncommitted for the next consumer");
        }
        inFlight.lock();
        try {
            process(batch);
        } finally {
            inFlight.unlock();
        }
    }

    /**
     * Graceful shutdown, before the clients of the targets close: the batch being written is
     * finished (its offsets become committable, and are committed as the consumer closes), and no
     * new batch starts. Bounded: a batch still waiting for a target then stays uncommitted.
     */
    void finishInFlight(@Observes @Priority(1) ShutdownEvent event) {
        closing = true;
        try {
            if (inFlight.tryLock(FINISH_SECONDS, TimeUnit.SECONDS)) {
                inFlight.unlock();
            } else {
                LOG.warnf("the batch in flight did not finish within %d s; it stays uncommitted", FINISH_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> batch) {
        List<RawRecord> consumed = new ArrayList<>(batch.count());
        batch.forEach(record -> consumed.add(raw(record)));
        // Records are independent and the pipeline is pure: decoded on every core, in the batch's order.
        Outcome[] decoded = new Outcome[consumed.size()];
        IntStream.range(0, decoded.length).parallel().forEach(i -> decoded[i] = pipeline.process(consumed.get(i)));
        List<RawRecord> records = new ArrayList<>(consumed.size());
        List<ChangeEvent> accepted = new ArrayList<>(consumed.size());
        List<DeadLetter> failed = new ArrayList<>();
        for (int i = 0; i < decoded.length; i++) {
            RawRecord record = consumed.get(i);
            metrics.record(record.origin().topic(), decoded[i]);
            if (decoded[i] instanceof Outcome.Accepted change) {
                records.add(record);
                accepted.add(change.event());
            } else if (decoded[i] instanceof Outcome.Rejected rejected) {
                failed.add(DeadLetter.rejected(record, rejected, service, clock.instant()));
            }
        }
        if (!accepted.isEmpty()) {
            List<ChangeWriter> writers = targets.writers();
            List<CompletableFuture<List<WriteOutcome>>> written = new ArrayList<>(writers.size());
            for (ChangeWriter writer : writers) {
                written.add(CompletableFuture.supplyAsync(() -> writes.write(writer, accepted), targetThreads));
            }
            for (int t = 0; t < writers.size(); t++) {
                List<WriteOutcome> outcomes = acknowledged(written.get(t));
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).isRejected()) {
                        failed.add(DeadLetter.refused(records.get(i), writers.get(t).target(), outcomes.get(i).reason(),
                                service, clock.instant()));
                    }
                }
            }
        }
        deadLetters.send(failed);
    }

    /** Waits for a target's write; its failure (only when the service stops) fails the batch unacknowledged. */
    private static List<WriteOutcome> acknowledged(CompletableFuture<List<WriteOutcome>> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @PreDestroy
    void stop() {
        targetThreads.shutdownNow();
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
