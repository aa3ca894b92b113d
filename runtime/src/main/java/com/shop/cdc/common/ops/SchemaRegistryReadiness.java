package com.shop.cdc.common.ops;

import com.shop.cdc.common.decode.RegistryClient;
import com.shop.cdc.common.decode.RegistryUnavailableException;
import com.shop.cdc.common.failure.FailurePolicy;
import com.shop.cdc.common.pipeline.SchemaRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The schema registry's readiness, for a service that consumes Avro topics: DOWN while the registry
 * does not answer (a record of a schema not yet cached would wait) or its circuit is open, bounded
 * as the targets' probes are. A service without Avro topics reports it as not used.
 */
@Readiness
@Blocking
@ApplicationScoped
public class SchemaRegistryReadiness implements HealthCheck {

    private final SchemaRegistry registry;
    private final FailurePolicy policy;
    private CompletableFuture<Void> running;

    public SchemaRegistryReadiness(SchemaRegistry registry, FailurePolicy policy) {
        this.registry = registry;
        this.policy = policy;
    }

    @Override
    public HealthCheckResponse call() {
        String state = registry.inUse().map(this::state).orElse("UP: not used (no consumed topic is Avro)");
        return HealthCheckResponse.named(RegistryUnavailableException.NAME).status(state.startsWith("UP"))
                .withData(RegistryUnavailableException.NAME, state).build();
    }

    private String state(RegistryClient client) {
        if (policy.circuit(RegistryUnavailableException.NAME) == CircuitBreakerState.OPEN) {
            return "DOWN: circuit open after repeated failures";
        }
        return ProbeState.of(probe(client));
    }

    /** At most one probe under way: a hung one is waited for again, never started twice. */
    private synchronized CompletableFuture<Void> probe(RegistryClient client) {
        if (running == null || running.isDone()) {
            running = client.probe();
        }
        return running;
    }
}
