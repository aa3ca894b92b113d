package com.shop.cdc.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.sink.lake.CommitStats;
import com.shop.cdc.common.sink.lake.LakeChangeWriter;
import com.shop.cdc.common.sink.lake.LakeConfig;
import com.shop.cdc.common.sink.lake.LakeSettings;
import com.shop.cdc.common.sink.lake.MaintenanceSettings;
import com.shop.cdc.common.target.Targets;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The service's one target, the lake. A bad setting or an unreachable catalog stops the service at start-up,
 * naming the property; an unreachable store does not: the tables' state is loaded before the first write instead.
 */
@ApplicationScoped
public class LakeTargets {

    private static final Logger LOG = Logger.getLogger(LakeTargets.class);

    @Produces
    @Singleton
    @Startup
    LakeChangeWriter writer(LakeConfig config, ObjectMapper json, MeterRegistry metrics) {
        return new LakeChangeWriter(LakeSettings.from(config), json, stats -> record(stats, metrics));
    }

    private static void record(CommitStats commit, MeterRegistry metrics) {
        String table = commit.table();
        metrics.timer("cdc.lake.commit.duration", "table", table).record(commit.took());
        metrics.counter("cdc.lake.commit.files", "table", table).increment(commit.files());
        metrics.counter("cdc.lake.commit.bytes", "table", table).increment(commit.bytes());
        metrics.counter("cdc.lake.commit.rows", "table", table).increment(commit.rows());
        metrics.counter("cdc.lake.commit.deleted.keys", "table", table).increment(commit.deletedKeys());
    }

    /** Checked at start-up: a bad maintenance setting stops the service naming its property. */
    @Produces
    @Singleton
    @Startup
    MaintenanceSettings maintenance(LakeConfig config) {
        return MaintenanceSettings.from(config.maintenance());
    }

    @Produces
    @Singleton
    Targets targets(LakeChangeWriter writer) {
        return new Targets(List.of(writer));
    }

    void close(@Disposes LakeChangeWriter writer) {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warnf("closing the lake's catalog: %s", e.getMessage());
        }
    }
}
