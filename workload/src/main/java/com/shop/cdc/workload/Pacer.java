package com.shop.cdc.workload;

import java.util.concurrent.locks.LockSupport;

/** Spaces operations evenly so that a run offers a steady rate instead of bursts. */
final class Pacer {

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
    }

    void await() {
        if (intervalNanos == 0) {
            return;
        }
        next += intervalNanos;
        long wait;
        while ((wait = next - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
