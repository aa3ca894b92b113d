package com.shop.cdc.console.lag;

import com.shop.cdc.console.ConsoleConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each service's consumer lag now, and its lag and consumption rate over the last hour, for the overview's charts: the group's
 * offsets read every {@code console.lag-sample-interval}, the rate from how far its committed offsets moved.
 * Kept in memory: a restarted console starts its charts again.
 */
@ApplicationScoped
public class LagHistory {

    /** One reading: the group's total lag, and the records per second it committed since the previous reading. */
    public record Sample(Instant at, long lag, double recordsPerSecond) {
    }

    private record Reading(Instant at, long committed) {
    }

    private static final Duration KEPT = Duration.ofHours(1);

    private final ConsumerLag lag;
    private final ConsoleConfig config;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
    private final Map<String, Reading> previous = new ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;

    public LagHistory(ConsumerLag lag, ConsoleConfig config) {
        this.lag = lag;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        long every = config.lagSampleInterval().toMillis();
        sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "console-lag-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sampleAll, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** The service's group lag as Kafka has it now. */
    public GroupLag current(String service) {
        return lag.of(lag.group(service));
    }

    /** The service's samples of the last hour, oldest first. */
    public List<Sample> of(String service) {
        Deque<Sample> kept = samples.get(service);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    private void sampleAll() {
        Instant now = Instant.now();
        config.services().keySet().forEach(service -> record(service, current(service), now));
    }

    /**
     * Adds a reading of the service's group. One that could not be read adds nothing: the next rate is the mean
     * over the whole gap, not a zero.
     */
    void record(String service, GroupLag group, Instant at) {
        if (group.error() != null) {
            return;
        }
        long committed = group.partitions().stream().mapToLong(PartitionLag::committed).sum();
        Reading before = previous.put(service, new Reading(at, committed));
        double seconds = before == null ? 0 : Duration.between(before.at(), at).toMillis() / 1000.0;
        double rate = seconds > 0 ? Math.max(0, committed - before.committed()) / seconds : 0;
        Deque<Sample> kept = samples.computeIfAbsent(service, name -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addLast(new Sample(at, group.total(), rate));
            while (!kept.isEmpty() && kept.peekFirst().at().isBefore(at.minus(KEPT))) {
                kept.removeFirst();
            }
        }
    }
}
