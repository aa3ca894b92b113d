package com.shop.cdc.common.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link ReconciliationConfig} checked at start-up: a bad value stops the service naming its property. */
record ReconciliationSettings(List<String> topics, Path workDir, int memoryLimitMb, int listedKeys) {

    static final int MIN_MEMORY_MB = 16;

    ReconciliationSettings {
        topics = List.copyOf(topics);
    }

    static ReconciliationSettings from(ReconciliationConfig config) {
        if (config.topics().isEmpty()) {
            throw new IllegalArgumentException("cdc.reconciliation.topics names no topic");
        }
        if (config.memoryLimitMb() < MIN_MEMORY_MB) {
            throw new IllegalArgumentException("cdc.reconciliation.memory-limit-mb must be at least " + MIN_MEMORY_MB
                    + ", not " + config.memoryLimitMb());
        }
        if (config.listedKeys() < 0) {
            throw new IllegalArgumentException("cdc.reconciliation.listed-keys must not be negative, not "
                    + config.listedKeys());
        }
        Path dir = Path.of(config.workDir().orElse(System.getProperty("java.io.tmpdir")));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cdc.reconciliation.work-dir=" + dir + " cannot be created: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("cdc.reconciliation.work-dir=" + dir + " is not writable");
        }
        return new ReconciliationSettings(config.topics(), dir, config.memoryLimitMb(), config.listedKeys());
    }
}
