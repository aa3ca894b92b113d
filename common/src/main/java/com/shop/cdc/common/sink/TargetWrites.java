package com.shop.cdc.common.sink;

import com.shop.cdc.common.event.ChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * Writes a batch to one target, retrying while the target is unavailable. Retrying blocks the
 * batch, so the consumer stops fetching once its bounded queue is full: consumption pauses instead
 * of buffering, and no offset past an unwritten record is committed.
 */
@ApplicationScoped
public class TargetWrites {

    private static final Logger LOG = Logger.getLogger(TargetWrites.class);

    private final MeterRegistry registry;

    public TargetWrites(MeterRegistry registry) {
        this.registry = registry;
    }

    @Retry(retryOn = TargetUnavailableException.class, maxRetries = -1, delay = 200, jitter = 100,
            maxDuration = 3650, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 10_000)
    public List<WriteOutcome> write(ChangeWriter writer, List<ChangeEvent> changes) {
        Timer.Sample sample = Timer.start(registry);
        try {
            List<WriteOutcome> outcomes = writer.write(changes);
            sample.stop(registry.timer("cdc.target.write", "target", writer.target()));
            registry.summary("cdc.target.batch.size", "target", writer.target()).record(changes.size());
            for (WriteOutcome outcome : outcomes) {
                registry.counter("cdc.target.writes", "target", writer.target(), "outcome",
                        outcome.kind().label()).increment();
            }
            return outcomes;
        } catch (TargetUnavailableException e) {
            registry.counter("cdc.target.retries", "target", writer.target()).increment();
            LOG.warnf("%s; retrying the batch of %d", e.getMessage(), changes.size());
            throw e;
        }
    }
}
