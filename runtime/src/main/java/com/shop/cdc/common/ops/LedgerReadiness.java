package com.shop.cdc.common.ops;

import io.smallrye.common.annotation.Blocking;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The dead-letter ledger's readiness, bounded as the targets' is: {@code SELECT 1} on the ledger's
 * pool, DOWN when it fails or has not answered within {@link TargetsReadiness#ANSWER_MILLIS}. It
 * replaces the reactive datasource's own check (off in the shared configuration), which waits up to
 * 20 s for a connection from a hung database, and with it the whole readiness answer. At most one
 * probe is under way: a hung one is waited for again, never started twice.
 */
@Readiness
@Blocking
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {

    private final Pool pool;
    private CompletableFuture<?> running;

    public LedgerReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        String state = ProbeState.of(probe());
        return HealthCheckResponse.named("ledger").status(state.equals("UP")).withData("ledger", state).build();
    }

    private synchronized CompletableFuture<?> probe() {
        if (running == null || running.isDone()) {
            running = pool.query("SELECT 1").execute().subscribeAsCompletionStage();
        }
        return running;
    }
}
