package com.shop.cdc.common.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A readiness probe's answer in words: {@code UP}, or {@code DOWN: } and why. */
final class ProbeState {

    private ProbeState() {
    }

    /** Waits for the probe until {@code deadline} ({@link System#nanoTime()}); a probe still running then is DOWN. */
    static String of(CompletableFuture<?> probe, long deadline) {
        try {
            probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return "UP";
        } catch (TimeoutException e) {
            return "DOWN: no answer within " + TargetsReadiness.ANSWER_MILLIS + " ms (hung or overloaded)";
        } catch (ExecutionException e) {
            return "DOWN: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        }
    }

    /** The same, waiting {@link TargetsReadiness#ANSWER_MILLIS} from now. */
    static String of(CompletableFuture<?> probe) {
        return of(probe, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TargetsReadiness.ANSWER_MILLIS));
    }
}
