package com.shop.cdc.console.replay;

import com.shop.cdc.console.Elapsed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replay of many dead letters going on in the background, and how far it got; kept in memory by
 * {@link ReplayJobs}. Its lines name dead letters, states and stages only, never what a record held.
 */
public class ReplayJob {

    static final int MAX_LINES = 100;

    private final long id;
    private final String startedBy;
    private final String what;
    private final Instant startedAt = Instant.now();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile int total = -1;
    private volatile Instant finishedAt;

    ReplayJob(long id, String startedBy, String what) {
        this.id = id;
        this.startedBy = startedBy;
        this.what = what;
    }

    public long id() {
        return id;
    }

    public String startedBy() {
        return startedBy;
    }

    /** "the 3 selected", "the NEW ones matching topic=..." */
    public String what() {
        return what;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean running() {
        return finishedAt == null;
    }

    /** "12/40 done, 1 failed", or that the dead letters are still being listed. */
    public String progress() {
        return total < 0 ? "listing the dead letters" : done.get() + "/" + total + " done, " + failed.get() + " failed";
    }

    public String elapsed() {
        return Elapsed.between(startedAt, finishedAt);
    }

    /** The dead letters that were not replayed, and why: up to {@value #MAX_LINES}. */
    public List<String> failures() {
        return failures;
    }

    void total(int count) {
        total = count;
    }

    void replayed() {
        done.incrementAndGet();
    }

    void failed(String line) {
        failed.incrementAndGet();
        done.incrementAndGet();
        if (failures.size() < MAX_LINES) {
            failures.add(line);
        }
    }

    /** A failure of the whole job, such as a service that cannot list its dead letters. */
    void problem(String line) {
        if (failures.size() < MAX_LINES) {
            failures.add(line);
        }
    }

    void finished() {
        finishedAt = Instant.now();
    }
}
