package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One target's writes, in the order the batches came, on a thread of its own. Batches that queue
 * while a write is under way go out together as one write: a target that pays mostly per write (a
 * warehouse MERGE reads its whole table) pays once for all of them. So writes grow with the rate,
 * and a quiet stream still gets small, prompt ones.
 */
final class TargetLane {

    private record Pending(List<ChangeEvent> changes, CompletableFuture<List<WriteOutcome>> outcomes) {}

    private static final Logger LOG = Logger.getLogger(TargetLane.class);

    private final String target;
    private final Runnable prepare;
    private final Function<List<ChangeEvent>, List<WriteOutcome>> write;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong waiting = new AtomicLong();
    private final Thread thread;

    /**
     * @param prepare readies the target before the first write (see {@link com.shop.cdc.common.target.ChangeWriter#prepare()})
     * @param write writes to the target, waiting while it is unavailable; an outcome per change
     */
    TargetLane(String target, Runnable prepare, Function<List<ChangeEvent>, List<WriteOutcome>> write) {
        this.target = target;
        this.prepare = prepare;
        this.write = write;
        this.thread = new Thread(this::run, "cdc-" + target);
        thread.setDaemon(true);
        thread.start();
    }

    String target() {
        return target;
    }

    /** Changes handed to this lane and not yet acknowledged by the target: queued or being written. */
    long waiting() {
        return waiting.get();
    }

    /** Completes with an outcome per change once the target has acknowledged them all. */
    CompletableFuture<List<WriteOutcome>> write(List<ChangeEvent> changes) {
        Pending pending = new Pending(changes, new CompletableFuture<>());
        waiting.addAndGet(changes.size());
        queue.add(pending);
        return pending.outcomes();
    }

    /** What is still queued stays unacknowledged, for the next consumer of its partitions. */
    void stop() {
        thread.interrupt();
    }

    private void run() {
        prepareTarget();
        List<Pending> taken = new ArrayList<>();
        try {
            while (true) {
                taken.add(queue.take());
                queue.drainTo(taken);
                writeTogether(taken);
                taken.clear();
            }
        } catch (InterruptedException e) {
            CancellationException stopped = new CancellationException("the service is stopping");
            queue.drainTo(taken);
            taken.forEach(pending -> pending.outcomes().completeExceptionally(stopped));
            waiting.set(0);
        }
    }

    /** While the first records are consumed and decoded: a target down now is left to the writes' retries. */
    private void prepareTarget() {
        try {
            prepare.run();
        } catch (RuntimeException e) {
            LOG.warnf("%s could not be prepared at start-up (%s); its writes will retry", target, e.getMessage());
        }
    }

    private void writeTogether(List<Pending> taken) {
        List<ChangeEvent> changes = taken.get(0).changes();
        if (taken.size() > 1) {
            changes = new ArrayList<>();
            for (Pending pending : taken) {
                changes.addAll(pending.changes());
            }
        }
        List<WriteOutcome> outcomes;
        try {
            outcomes = write.apply(changes);
        } catch (RuntimeException e) {
            waiting.addAndGet(-changes.size());
            taken.forEach(pending -> pending.outcomes().completeExceptionally(e));
            return;
        }
        waiting.addAndGet(-changes.size()); // before the batches learn it: none is counted once acknowledged
        int from = 0;
        for (Pending pending : taken) {
            int to = from + pending.changes().size();
            pending.outcomes().complete(outcomes.subList(from, to));
            from = to;
        }
    }
}
