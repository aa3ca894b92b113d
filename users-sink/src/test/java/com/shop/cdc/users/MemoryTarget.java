package com.shop.cdc.users;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A target in memory for the pipeline's own tests: keeps the last change per key, can be down
 * (writes and probes fail) and can refuse some changes while it answers its probe, as a real target
 * refuses a value it cannot hold.
 */
@Singleton
public class MemoryTarget implements ChangeWriter {

    private final TableRoutes<String> routes = new TableRoutes<>(Map.of("public.users", "public.users"), "memory.tables");
    private final Map<Object, ChangeEvent> rows = new ConcurrentHashMap<>();
    private volatile boolean down;
    private volatile Predicate<ChangeEvent> refused = change -> false;
    private volatile Predicate<ChangeEvent> unanswered = change -> false;

    @Override
    public String target() {
        return "memory";
    }

    @Override
    public TableRoutes<String> routes() {
        return routes;
    }

    @Override
    public synchronized List<WriteOutcome> write(List<ChangeEvent> changes) {
        probe();
        if (changes.stream().anyMatch(refused)) {
            throw new IllegalStateException("value out of range for this target");
        }
        List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
        for (ChangeEvent change : changes) {
            if (!unanswered.test(change)) { // a writer's bug: no outcome for this change
                rows.put(change.key().get("id"), change);
                outcomes.add(WriteOutcome.WRITTEN);
            }
        }
        return outcomes;
    }

    @Override
    public void probe() {
        if (down) {
            throw new TargetUnavailableException(target(), new IllegalStateException("connection refused"));
        }
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void refuse(Predicate<ChangeEvent> refused) {
        this.refused = refused;
    }

    public void leaveUnanswered(Predicate<ChangeEvent> unanswered) {
        this.unanswered = unanswered;
    }

    public Map<Object, ChangeEvent> rows() {
        return rows;
    }

    public void reset() {
        rows.clear();
        down = false;
        refused = change -> false;
        unanswered = change -> false;
    }
}
