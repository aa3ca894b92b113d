package com.shop.cdc.common.ops;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A named daemon thread that runs a gauge's refresh periodically, off the event loop and the consumer. */
final class Refresher {

    private final ScheduledExecutorService executor;

    Refresher(String name, Runnable refresh, long initialDelaySeconds, long periodSeconds) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(refresh, initialDelaySeconds, periodSeconds, TimeUnit.SECONDS);
    }

    void stop() {
        executor.shutdownNow();
    }
}
