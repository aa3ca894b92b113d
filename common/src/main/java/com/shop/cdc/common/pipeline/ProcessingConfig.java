package com.shop.cdc.common.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumed batches move through the targets. */
@ConfigMapping(prefix = "cdc.processing")
public interface ProcessingConfig {

    /**
     * Batches decoded and handed to the targets but not yet acknowledged by all of them. While the
     * targets write one, the next is decoded; when this many wait, consumption waits too. Each holds
     * up to {@code max.poll.records} records with their decoded changes in memory, so this bounds
     * the heap a backlog costs.
     */
    @WithDefault("2")
    int batchesInFlight();

    /**
     * Most changes a target writes at once: batches waiting for a busy target are written together
     * up to this many, so a target's fixed cost per write is shared when the stream is fast.
     */
    @WithDefault("10000")
    int maxChangesPerWrite();
}
