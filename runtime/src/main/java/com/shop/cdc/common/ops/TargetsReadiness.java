package com.shop.cdc.common.ops;

import com.shop.cdc.common.failure.FailurePolicy;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.Targets;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every target answers its probe and its circuit is not open; the details name each
 * target's state, so an operator sees which one is down. Answers within {@link #ANSWER_MILLIS}
 * whatever a target does: probes run off the caller's thread, one at a time per target, and a
 * target that does not answer in time (hung: connections open, no reply) is DOWN. Kafka's
 * readiness is the messaging connector's own check, the ledger's {@link LedgerReadiness}.
 */
@Readiness
@Blocking
@ApplicationScoped
public class TargetsReadiness implements HealthCheck {

    static final long ANSWER_MILLIS = 1500;

    private final Targets targets;
    private final FailurePolicy policy;
    private final ExecutorService probes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cdc-probe");
        thread.setDaemon(true);
        return thread;
    });
    /** The probe under way per target: a hung one is waited for again, never started twice. */
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    public TargetsReadiness(Targets targets, FailurePolicy policy) {
        this.targets = targets;
        this.policy = policy;
    }

    @Override
    public HealthCheckResponse call() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_MILLIS);
        Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
        for (ChangeWriter writer : targets.writers()) {
            started.put(writer.target(), probe(writer));
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("targets").up();
        for (ChangeWriter writer : targets.writers()) {
            String state = state(writer.target(), started.get(writer.target()), deadline);
            response.withData(writer.target(), state);
            if (!state.equals("UP")) {
                response.down();
            }
        }
        return response.build();
    }

    @PreDestroy
    void stop() {
        probes.shutdownNow();
    }

    private CompletableFuture<Void> probe(ChangeWriter writer) {
        return running.compute(writer.target(), (target, current) -> current != null && !current.isDone() ? current
                : CompletableFuture.runAsync(writer::probe, probes));
    }

    private String state(String target, CompletableFuture<Void> probe, long deadline) {
        if (policy.circuit(target) == CircuitBreakerState.OPEN) {
            return "DOWN: circuit open after repeated failures";
        }
        return ProbeState.of(probe, deadline);
    }
}
