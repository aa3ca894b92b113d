package com.shop.cdc.workload;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces operations evenly so that a run offers a steady rate instead of bursts. A caller that
 * fell behind — a JVM still starting, a pause — resumes the rate from where it is, owing at most
 * {@link #MAX_OWED_NANOS}: catching up would offer a burst above the rate, and a latency measured
 * at "the rate" would be the burst's.
 */
final class Pacer {

    private static final long MAX_OWED_NANOS = 20_000_000L;

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
    }

    void await() {
        if (intervalNanos == 0) {
            return;
        }
        next = Math.max(next + intervalNanos, System.nanoTime() - MAX_OWED_NANOS);
        long wait;
        while ((wait = next - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
