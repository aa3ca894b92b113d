package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.failure.FailurePolicy;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TargetRefusedException;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jboss.logging.Logger;

/**
 * Writes a batch to one target under the {@link FailurePolicy}, measuring what it took and what came
 * of it. A failed write is an outage while the target does not answer its probe (waited for, never a
 * dead letter); while it does answer, the batch is halved until the change it refuses stands alone,
 * and that change, refused {@code cdc.pipeline.write-attempts} times, is rejected for the dead letter
 * with the target's error, so one bad change never stalls its partition.
 */
@ApplicationScoped
public class TargetWrites {

    private static final Logger LOG = Logger.getLogger(TargetWrites.class);
    private static final long ATTEMPT_PAUSE_MILLIS = 500;

    private final MeterRegistry registry;
    private final FailurePolicy policy;
    private final int attempts;

    public TargetWrites(MeterRegistry registry, FailurePolicy policy, PipelineConfig config) {
        if (config.writeAttempts() < 1) {
            throw new IllegalArgumentException("cdc.pipeline.write-attempts must be at least 1, not " + config.writeAttempts());
        }
        this.registry = registry;
        this.policy = policy;
        this.attempts = config.writeAttempts();
    }

    /** Returns once the target has acknowledged or refused every change; waits, retrying, while it is unavailable. */
    public List<WriteOutcome> write(ChangeWriter writer, List<ChangeEvent> changes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return policy.untilAvailable(writer.target(), () -> whileAnswering(writer, changes));
            } catch (TargetRefusedException refused) {
                if (changes.size() > 1) {
                    int half = changes.size() / 2;
                    List<WriteOutcome> outcomes = new ArrayList<>(write(writer, changes.subList(0, half)));
                    outcomes.addAll(write(writer, changes.subList(half, changes.size())));
                    return outcomes;
                }
                if (attempt >= attempts) {
                    return List.of(WriteOutcome.rejected(reason(writer.target(), attempt, refused.getCause())));
                }
                pause(attempt);
            }
        }
    }

    /** A write that fails while the target answers its probe is the change's fault, not an outage. */
    private List<WriteOutcome> whileAnswering(ChangeWriter writer, List<ChangeEvent> changes) {
        try {
            return measured(writer, changes);
        } catch (RuntimeException failure) {
            try {
                writer.probe();
            } catch (RuntimeException down) {
                throw failure instanceof TargetUnavailableException ? failure
                        : new TargetUnavailableException(writer.target(), failure);
            }
            if (internal(rootOf(failure))) {
                LOG.errorf(failure, "%s writer failed on a change while %s answers its probe", writer.target(), writer.target());
            }
            throw new TargetRefusedException(writer.target(), failure);
        }
    }

    /** What the target said, or, where the failure is a programming error of ours, no internal text. */
    static String reason(String target, int attempts, Throwable failure) {
        Throwable root = rootOf(failure);
        String error = internal(root) ? "an internal error of the " + target + " writer (" + root.getClass().getSimpleName()
                + "), which the service's log shows with its stack trace" : "its error: " + root.getMessage();
        return target + " refused this change " + attempts + " time(s) in a row while answering its health probe, so the"
                + " change itself is the cause; " + error + ". Attempts are bounded by cdc.pipeline.write-attempts;"
                + " replay the dead letter once the cause is fixed.";
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A bug, not a verdict of the target: its text means nothing to an operator (and may quote a value). */
    private static boolean internal(Throwable root) {
        return root.getMessage() == null || root instanceof NullPointerException || root instanceof ClassCastException
                || root instanceof IndexOutOfBoundsException || root instanceof ArithmeticException
                || root instanceof UnsupportedOperationException || root instanceof ConcurrentModificationException;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ATTEMPT_PAUSE_MILLIS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the service is stopping");
        }
    }

    /** One attempt, for an operator's replay. @throws TargetUnavailableException when the target is down */
    public List<WriteOutcome> writeOnce(ChangeWriter writer, List<ChangeEvent> changes) {
        return policy.once(writer.target(), () -> measured(writer, changes));
    }

    /** Source commit to this target's acknowledgement, with client-side percentiles and a Prometheus histogram. */
    private Timer endToEnd(String target) {
        return Timer.builder("cdc.end.to.end.latency").tag("target", target)
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** One write's time, with a histogram: its tail, not its mean, is what holds the changes behind it. */
    private Timer writeTime(String target) {
        return Timer.builder("cdc.target.write").tag("target", target).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    private List<WriteOutcome> measured(ChangeWriter writer, List<ChangeEvent> changes) {
        Counter retries = registry.counter("cdc.target.retries", "target", writer.target()); // shown at 0 too
        Timer.Sample sample = Timer.start(registry);
        try {
            List<WriteOutcome> outcomes = writer.write(changes);
            if (outcomes.size() != changes.size()) { // outcomes are matched to changes by position: a bug of ours
                throw new IndexOutOfBoundsException(writer.target() + " writer answered " + outcomes.size()
                        + " outcomes for " + changes.size() + " changes");
            }
            sample.stop(writeTime(writer.target()));
            registry.summary("cdc.target.batch.size", "target", writer.target()).record(changes.size());
            Timer latency = endToEnd(writer.target());
            Instant acknowledged = Instant.now();
            long[] perKind = new long[WriteOutcome.Kind.values().length];
            for (int i = 0; i < outcomes.size(); i++) {
                WriteOutcome.Kind kind = outcomes.get(i).kind();
                perKind[kind.ordinal()]++;
                Instant committed = changes.get(i).sourceTimestamp();
                if (committed != null && kind == WriteOutcome.Kind.WRITTEN) {
                    latency.record(Duration.between(committed, acknowledged));
                }
            }
            // One counter update per outcome kind and batch, not a meter lookup per change.
            for (WriteOutcome.Kind kind : WriteOutcome.Kind.values()) {
                if (perKind[kind.ordinal()] > 0) {
                    registry.counter("cdc.target.writes", "target", writer.target(), "outcome", kind.label())
                            .increment(perKind[kind.ordinal()]);
                }
            }
            return outcomes;
        } catch (RuntimeException e) {
            retries.increment();
            throw e;
        }
    }
}
