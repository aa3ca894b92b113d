package com.shop.cdc.common.service;

import java.util.List;

/**
 * The name this instance keeps its dead letters, its ledger entries and its reconciliation reports
 * under: the service's ({@code quarkus.application.name}), and the target it alone writes when
 * {@code cdc.pipeline.targets} names one ({@code users-sink-redis}). Two instances of a service
 * that split its targets thus never share a dead letter, so neither replays the other's into its
 * own targets only.
 */
public record ServiceName(String value) {

    /** @param targets as {@link com.shop.cdc.common.pipeline.PipelineConfig#selectedTargets} gives them */
    public static ServiceName of(String application, List<String> targets) {
        return new ServiceName(targets.size() == 1 ? application + "-" + targets.get(0) : application);
    }
}
