package com.shop.cdc.common.target;

import com.shop.cdc.common.event.ChangeEvent;
import java.util.List;

/**
 * A target. Writes are idempotent and guarded by the source position, so a batch may be written
 * again after a failure or a restart without changing the outcome.
 */
public interface ChangeWriter {

    /** The target's name in metrics, health and dead letters (e.g. {@code redis}, {@code warehouse}). */
    String target();

    /**
     * The source tables this target keeps, by their configured names. A change of a table that no
     * target of a service keeps is a dead letter of stage {@code route}, never a silent skip.
     */
    TableRoutes<?> routes();

    /**
     * Writes a batch in the order given (per key, Kafka order) and returns one outcome per change.
     *
     * @throws TargetUnavailableException when the target cannot be written now; nothing is acknowledged
     */
    List<WriteOutcome> write(List<ChangeEvent> changes);

    /**
     * A cheap round trip for readiness, bounded in time.
     *
     * @throws TargetUnavailableException when the target cannot be reached now
     */
    void probe();

    /**
     * Readies what the first write needs (a connection, tables, scripts), so that the first batch
     * does not wait for it. Called once, on the target's own thread, as the service starts.
     *
     * @throws TargetUnavailableException when the target cannot be reached now; the writes retry
     */
    default void prepare() {
        probe();
    }
}
