package com.shop.cdc.common.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciliation's defaults, and bad values stopping the start naming their property. */
class ReconciliationSettingsTest {

    @TempDir
    Path work;

    @Test
    void byDefaultTheServicesOwnTopicsAreReplayed() {
        ReconciliationSettings settings = ReconciliationSettings.from(config(Map.of()));

        assertThat(settings.topics()).containsExactly("shop.shop_orders.orders", "shop.shop_orders.order_items");
        assertThat(settings.workDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(settings.memoryLimitMb()).isEqualTo(64);
        assertThat(settings.listedKeys()).isEqualTo(100);
    }

    @Test
    void aMemoryLimitTooSmallForDuckDbNamesItsProperty() {
        assertThatThrownBy(() -> ReconciliationSettings.from(config(Map.of("cdc.reconciliation.memory-limit-mb", "8"))))
                .hasMessageContaining("cdc.reconciliation.memory-limit-mb must be at least 16");
    }

    @Test
    void aNegativeListingNamesItsProperty() {
        assertThatThrownBy(() -> ReconciliationSettings.from(config(Map.of("cdc.reconciliation.listed-keys", "-1"))))
                .hasMessageContaining("cdc.reconciliation.listed-keys");
    }

    @Test
    void aWorkFolderThatCannotBeCreatedNamesItsProperty() throws Exception {
        Path file = Files.createFile(work.resolve("a-file"));
        assertThatThrownBy(() -> ReconciliationSettings.from(config(Map.of("cdc.reconciliation.work-dir",
                file.resolve("below").toString())))).hasMessageContaining("cdc.reconciliation.work-dir=");
    }

    @Test
    void aMissingWorkFolderIsCreated() {
        Path dir = work.resolve("reconciliation");
        assertThat(ReconciliationSettings.from(config(Map.of("cdc.reconciliation.work-dir", dir.toString()))).workDir())
                .isDirectory();
    }

    private static ReconciliationConfig config(Map<String, String> values) {
        Map<String, String> properties = new HashMap<>(values);
        properties.put("mp.messaging.incoming.changes.topics", String.join(",",
                List.of("shop.shop_orders.orders", "shop.shop_orders.order_items")));
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(ReconciliationConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(ReconciliationConfig.class);
    }
}
