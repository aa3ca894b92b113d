package com.shop.cdc.common.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.sink.Changes;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TargetLaneTest {

    private static final SourceTable USERS = new SourceTable("shop", "public", "users");

    @Test
    void batchesQueuedDuringAWriteGoOutTogetherAndEachGetsItsOwnOutcomes() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<List<ChangeEvent>> writes = new CopyOnWriteArrayList<>();
        TargetLane lane = new TargetLane("test", () -> { }, changes -> {
            writes.add(List.copyOf(changes));
            if (writes.size() == 1) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
            // The outcome tells which change it belongs to: odd keys are stale.
            return changes.stream().map(c -> (long) c.key().get("id") % 2 == 0 ? WriteOutcome.WRITTEN : WriteOutcome.STALE)
                    .toList();
        });
        try {
            CompletableFuture<List<WriteOutcome>> first = lane.write(List.of(change(1, 2)));
            assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<WriteOutcome>> second = lane.write(List.of(change(2, 3), change(3, 4)));
            CompletableFuture<List<WriteOutcome>> third = lane.write(List.of(change(4, 5)));
            assertThat(lane.waiting()).as("one change being written, three queued").isEqualTo(4);
            releaseFirstWrite.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(WriteOutcome.STALE);
            assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly(WriteOutcome.WRITTEN, WriteOutcome.STALE);
            assertThat(third.get(5, TimeUnit.SECONDS)).containsExactly(WriteOutcome.WRITTEN);
            assertThat(writes).hasSize(2);
            assertThat(writes.get(1)).extracting(c -> c.key().get("id")).containsExactly(2L, 3L, 4L);
            assertThat(lane.waiting()).isZero();
        } finally {
            lane.stop();
        }
    }

    @Test
    void aFailedWriteFailsEveryBatchInItAndTheLaneGoesOn() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        TargetLane lane = new TargetLane("test", () -> { }, changes -> {
            sizes.add(changes.size());
            if (sizes.size() == 1) {
                throw new TargetUnavailableException("test", new IllegalStateException("stopping"));
            }
            return changes.stream().map(c -> WriteOutcome.WRITTEN).toList();
        });
        try {
            CompletableFuture<List<WriteOutcome>> failed = lane.write(List.of(change(1, 2)));
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TargetUnavailableException.class);
            assertThat(lane.write(List.of(change(2, 4))).get(5, TimeUnit.SECONDS)).containsExactly(WriteOutcome.WRITTEN);
        } finally {
            lane.stop();
        }
    }

    @Test
    void theTargetIsPreparedBeforeItsFirstWriteAndAFailedPreparationLeavesTheWritesToRetry() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        TargetLane prepared = new TargetLane("test", () -> calls.add("prepare"), changes -> {
            calls.add("write");
            return changes.stream().map(c -> WriteOutcome.WRITTEN).toList();
        });
        TargetLane down = new TargetLane("test", () -> {
            throw new TargetUnavailableException("test", new IllegalStateException("connection refused"));
        }, changes -> changes.stream().map(c -> WriteOutcome.WRITTEN).toList());
        try {
            assertThat(prepared.write(List.of(change(1, 2))).get(5, TimeUnit.SECONDS)).containsExactly(WriteOutcome.WRITTEN);
            assertThat(calls).containsExactly("prepare", "write");
            assertThat(down.write(List.of(change(1, 2))).get(5, TimeUnit.SECONDS)).containsExactly(WriteOutcome.WRITTEN);
        } finally {
            prepared.stop();
            down.stop();
        }
    }

    @Test
    void batchesStillQueuedWhenTheLaneStopsStayUnacknowledged() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        TargetLane lane = new TargetLane("test", () -> { }, changes -> {
            writing.countDown();
            await(new CountDownLatch(1)); // a target that never answers, until the lane is interrupted
            return changes.stream().map(c -> WriteOutcome.WRITTEN).toList();
        });
        CompletableFuture<List<WriteOutcome>> inWrite = lane.write(List.of(change(1, 2)));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<WriteOutcome>> queued = lane.write(List.of(change(2, 4)));
        lane.stop();
        assertThatThrownBy(() -> inWrite.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    private static ChangeEvent change(long id, long position) {
        return Changes.upsert(USERS, id, position, Map.of("email", "u" + id + "@example.com"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
