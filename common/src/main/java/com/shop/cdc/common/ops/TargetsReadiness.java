package com.shop.cdc.common.ops;

import com.shop.cdc.common.failure.FailurePolicy;
import com.shop.cdc.common.sink.ChangeWriter;
import com.shop.cdc.common.sink.TargetUnavailableException;
import com.shop.cdc.common.sink.Targets;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every target answers its probe and its circuit is not open; the details name each
 * target's state, so an operator sees which one is down. Kafka's readiness is the messaging
 * connector's own check, the ledger's the datasource's.
 */
@Readiness
@Blocking
@ApplicationScoped
public class TargetsReadiness implements HealthCheck {

    private final Targets targets;
    private final FailurePolicy policy;

    public TargetsReadiness(Targets targets, FailurePolicy policy) {
        this.targets = targets;
        this.policy = policy;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("targets").up();
        for (ChangeWriter writer : targets.writers()) {
            String state = state(writer);
            response.withData(writer.target(), state);
            if (!state.equals("UP")) {
                response.down();
            }
        }
        return response.build();
    }

    private String state(ChangeWriter writer) {
        CircuitBreakerState circuit = policy.circuit(writer.target());
        if (circuit == CircuitBreakerState.OPEN) {
            return "DOWN: circuit open after repeated failures";
        }
        try {
            writer.probe();
            return "UP";
        } catch (TargetUnavailableException e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
