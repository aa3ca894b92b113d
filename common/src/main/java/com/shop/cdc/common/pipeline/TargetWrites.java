package com.shop.cdc.common.sink;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.failure.FailurePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Writes a batch to one target under the {@link FailurePolicy}, measuring what it took and what came of it. */
@ApplicationScoped
public class TargetWrites {

    private final MeterRegistry registry;
    private final FailurePolicy policy;

    public TargetWrites(MeterRegistry registry, FailurePolicy policy) {
        this.registry = registry;
        this.policy = policy;
    }

    /** Returns once the target has acknowledged every change; waits, retrying, while it is unavailable. */
    public List<WriteOutcome> write(ChangeWriter writer, List<ChangeEvent> changes) {
        return policy.untilAvailable(writer.target(), () -> measured(writer, changes));
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
