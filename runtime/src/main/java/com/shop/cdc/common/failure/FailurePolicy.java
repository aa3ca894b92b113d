package com.shop.cdc.common.failure;

import com.shop.cdc.common.target.TargetRefusedException;
import com.shop.cdc.common.target.TargetUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The one place where a failure is classified and handled.
 *
 * <ul>
 *   <li><b>Permanent</b> — the record's own fault (undecodable, invalid, refused by a target for
 *       its content): never retried, since the same bytes fail the same way; the record goes to the
 *       dead letter ({@link DeadLetters}) and processing goes on.</li>
 *   <li><b>Transient</b> — the target's fault ({@link TargetUnavailableException}: unreachable,
 *       timeout, 429/503, Redis LOADING): retried here, forever, with exponential backoff and
 *       jitter, behind a circuit breaker per target. The batch waits, so the consumer stops
 *       fetching once its bounded queue is full and no offset past an unwritten record is committed.
 *       Anything else a target throws is treated the same way: an unknown failure is not a reason to
 *       drop a record. A write that fails while its target answers its probe is no outage but a
 *       {@link TargetRefusedException}: not retried here, the writes isolate and reject that change
 *       ({@code com.shop.cdc.common.pipeline.TargetWrites}).</li>
 * </ul>
 */
@ApplicationScoped
public class FailurePolicy {

    private static final Logger LOG = Logger.getLogger(FailurePolicy.class);
    private static final String CIRCUIT_PREFIX = "cdc-target-";

    private final Map<String, Guard> untilAvailable = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Runs {@code action} against {@code target} until it succeeds; transient failures are retried. */
    public <T> T untilAvailable(String target, Supplier<T> action) {
        return cast(untilAvailable.computeIfAbsent(target, this::retrying).get(() -> attempt(target, action), Object.class));
    }

    /**
     * Runs {@code action} once, for callers that must answer soon (an operator's replay): a target
     * that is down, or whose circuit is open, is reported as a {@link TargetUnavailableException}.
     */
    public <T> T once(String target, Supplier<T> action) {
        if (circuit(target) == CircuitBreakerState.OPEN) {
            throw new TargetUnavailableException(target, new CircuitBreakerOpenException("circuit of " + target + " is open"));
        }
        return cast(attempt(target, action));
    }

    /** CLOSED while the target answers, OPEN after repeated failures, HALF_OPEN while it is being tried again. */
    public CircuitBreakerState circuit(String target) {
        try {
            return CircuitBreakerMaintenance.get().currentState(CIRCUIT_PREFIX + target);
        } catch (IllegalArgumentException notUsedYet) {
            return CircuitBreakerState.CLOSED;
        }
    }

    /**
     * A transient failure is retried until the service stops: then the batch is given up unacknowledged,
     * its offsets stay uncommitted and the next consumer of its partitions reads it again.
     */
    private boolean retryable(Throwable e) {
        return !stopping && (e instanceof TargetUnavailableException || e instanceof CircuitBreakerOpenException);
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private Object attempt(String target, Supplier<?> action) {
        try {
            return action.get();
        } catch (TargetUnavailableException | TargetRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly; retrying as if it were unavailable", target);
            throw new TargetUnavailableException(target, e);
        }
    }

    private Guard retrying(String target) {
        return Guard.create()
                .withDescription("writes to " + target)
                .withRetry()
                    .whenException(this::retryable)
                    .maxRetries(-1).maxDuration(3650, ChronoUnit.DAYS)
                    .delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS)
                    .withExponentialBackoff().maxDelay(10, ChronoUnit.SECONDS).done()
                    .beforeRetry((Throwable e) -> LOG.warnf("%s; retrying", e.getMessage()))
                    .done()
                .with(builder -> circuitBreaker(builder, target))
                .build();
    }

    private static void circuitBreaker(Guard.Builder builder, String target) {
        builder.withCircuitBreaker()
                .name(CIRCUIT_PREFIX + target)
                .failOn(TargetUnavailableException.class)
                .requestVolumeThreshold(4).failureRatio(0.75).delay(5, ChronoUnit.SECONDS).successThreshold(1)
                .onStateChange(state -> LOG.infof("circuit of %s is %s", target, state))
                .done();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object result) {
        return (T) result;
    }
}
