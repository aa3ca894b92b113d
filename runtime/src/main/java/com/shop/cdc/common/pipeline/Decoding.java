package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.decode.RegistryUnavailableException;
import com.shop.cdc.common.failure.FailurePolicy;
import com.shop.cdc.common.target.TargetUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a batch's records through the pipeline on threads of the service's own, one per core:
 * records are independent and the pipeline is pure, so they are decoded in slices, in parallel,
 * and come back in the batch's order. Not the JVM-wide common pool, which other libraries share.
 * A record whose schema the registry must be asked for waits while the registry does not answer,
 * under the failure policy, as a write waits for its target: such records are set aside by the
 * slices and retried one after the other, so that one of them waits and the rest find the schema
 * fetched.
 */
@ApplicationScoped
public class Decoding {

    private final ChangePipeline pipeline;
    private final Routing routing;
    private final FailurePolicy policy;
    private final int threads = Runtime.getRuntime().availableProcessors();
    private final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), runnable -> {
        Thread thread = new Thread(runnable, "cdc-decode");
        thread.setDaemon(true);
        return thread;
    });

    public Decoding(ChangePipeline pipeline, Routing routing, FailurePolicy policy) {
        this.pipeline = pipeline;
        this.routing = routing;
        this.policy = policy;
    }

    /** Each record's outcome, in order; the calling thread decodes a slice too, then retries the waiting records. */
    Outcome[] decode(List<RawRecord> records) {
        Outcome[] outcomes = new Outcome[records.size()];
        int slices = Math.min(threads, Math.max(1, records.size() / 64));
        int size = (records.size() + slices - 1) / slices;
        List<Future<?>> running = new ArrayList<>(slices - 1);
        for (int slice = 1; slice < slices; slice++) {
            int from = slice * size;
            running.add(pool.submit(() -> decodeSlice(records, outcomes, from, Math.min(records.size(), from + size))));
        }
        decodeSlice(records, outcomes, 0, Math.min(records.size(), size));
        awaitSlices(running);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                RawRecord waiting = records.get(i);
                outcomes[i] = policy.untilAvailable(RegistryUnavailableException.NAME, () -> pipeline.process(waiting, routing));
            }
        }
        return outcomes;
    }

    private static void awaitSlices(List<Future<?>> running) {
        for (Future<?> slice : running) {
            try {
                slice.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding a batch", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoding a batch failed", e.getCause());
            }
        }
    }

    /** Leaves null the outcome of a record that must wait for the registry. */
    private void decodeSlice(List<RawRecord> records, Outcome[] outcomes, int from, int to) {
        for (int i = from; i < to; i++) {
            try {
                outcomes[i] = pipeline.process(records.get(i), routing);
            } catch (TargetUnavailableException registryDown) {
                // left null: retried once the slices are done
            }
        }
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
