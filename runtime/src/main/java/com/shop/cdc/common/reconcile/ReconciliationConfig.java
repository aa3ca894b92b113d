package com.shop.cdc.common.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a service reconciles its targets with its source topics. */
@ConfigMapping(prefix = "cdc.reconciliation")
public interface ReconciliationConfig {

    /** The source topics replayed from the beginning: by default those the service consumes. */
    @WithDefault("${mp.messaging.incoming.changes.topics}")
    List<String> topics();

    /**
     * How often a run starts by itself: once per service whatever its replicas (the instance that
     * claims it in the ledger database runs it). None by default: runs are then asked for over REST.
     */
    Optional<Duration> every();

    /** Where the run's DuckDB file (the expected and actual key sets) is kept; the JVM's temporary folder by default. */
    Optional<String> workDir();

    /** Native memory DuckDB may use for the key sets, beyond the heap; it spills the rest to the work folder. */
    @WithDefault("64")
    int memoryLimitMb();

    /** Keys listed per target and kind in a report; the counts are always complete. */
    @WithDefault("100")
    int listedKeys();
}
