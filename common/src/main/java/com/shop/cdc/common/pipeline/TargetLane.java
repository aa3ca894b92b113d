package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.sink.ChangeWriter;
import com.shop.cdc.common.sink.TargetWrites;
import com.shop.cdc.common.sink.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One target's writer: a thread that writes batches in the order they were submitted. Batches that
 * queued up while the target was busy are written together (up to a bound), so a target's fixed
 * cost per write (a round trip, a MERGE) is shared when the stream is fast and a quiet stream is
 * written at once. Order within and across batches is kept, so per-key order is too.
 */
final class TargetLane implements AutoCloseable {

    private record Pending(List<ChangeEvent> changes, CompletableFuture<List<WriteOutcome>> outcomes) {
    }

    private final ChangeWriter writer;
    private final TargetWrites writes;
    private final int maxChanges;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    TargetLane(ChangeWriter writer, TargetWrites writes, int maxChanges) {
        this.writer = writer;
        this.writes = writes;
        this.maxChanges = maxChanges;
        this.thread = new Thread(this::run, "cdc-target-" + writer.target());
        thread.setDaemon(true);
        thread.start(); // last: the thread sees every field set
    }

    ChangeWriter writer() {
        return writer;
    }

    /** Completes with one outcome per change once the target acknowledged them all. */
    CompletableFuture<List<WriteOutcome>> submit(List<ChangeEvent> changes) {
        CompletableFuture<List<WriteOutcome>> outcomes = new CompletableFuture<>();
        queue.add(new Pending(changes, outcomes));
        return outcomes;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                write(nextGroup());
            }
        } catch (InterruptedException stopped) {
            queue.forEach(pending -> pending.outcomes().completeExceptionally(stopped));
        }
    }

    /** The oldest waiting batch and those behind it, while they fit under the bound together. */
    private List<Pending> nextGroup() throws InterruptedException {
        List<Pending> group = new ArrayList<>();
        group.add(queue.take());
        int size = group.get(0).changes().size();
        for (Pending next = queue.peek(); next != null && size + next.changes().size() <= maxChanges; next = queue.peek()) {
            group.add(queue.remove());
            size += next.changes().size();
        }
        return group;
    }

    private void write(List<Pending> group) {
        List<ChangeEvent> changes = group.size() == 1 ? group.get(0).changes() : new ArrayList<>();
        if (group.size() > 1) {
            group.forEach(pending -> changes.addAll(pending.changes()));
        }
        List<WriteOutcome> outcomes;
        try {
            outcomes = writes.write(writer, changes);
        } catch (RuntimeException e) { // only when the service stops: the batches stay unacknowledged
            group.forEach(pending -> pending.outcomes().completeExceptionally(e));
            return;
        }
        int from = 0;
        for (Pending pending : group) {
            int to = from + pending.changes().size();
            pending.outcomes().complete(outcomes.subList(from, to));
            from = to;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
