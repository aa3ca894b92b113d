package com.shop.cdc.common.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** cdc.lake.* as the service reads it, and a bad setting named by its property. */
class LakeSettingsTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "cdc.lake.catalog.uri", "jdbc:postgresql://127.0.0.1:5432/lake_catalog",
            "cdc.lake.tables.users.source", "public.users",
            "cdc.lake.tables.users.keys", "id");

    @Test
    void defaultsToTheJdbcCatalogAndS3FileIoWithPassedThroughProperties() {
        Map<String, String> config = new HashMap<>(MINIMAL);
        config.put("cdc.lake.s3.endpoint", "http://127.0.0.1:9000");
        config.put("cdc.lake.s3.access-key", "key");
        config.put("cdc.lake.s3.secret-key", "secret");
        config.put("cdc.lake.catalog.properties.\"jdbc.socketTimeout\"", "120");
        config.put("cdc.lake.tables.users.columns.balance", "decimal(12;2)");
        config.put("cdc.lake.tables.users.exclude", "phone");
        LakeSettings settings = LakeSettings.from(mapping(config));
        assertThat(settings.catalog()).containsEntry("type", "jdbc").containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000").containsEntry("s3.path-style-access", "true")
                .containsEntry("s3.access-key-id", "key").containsEntry("warehouse", "s3://lake/warehouse")
                .containsEntry("jdbc.socketTimeout", "120");
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.namespace()).isEqualTo("cdc");
        assertThat(settings.tables()).singleElement().satisfies(table -> {
            assertThat(table.columns()).containsEntry("balance", Types.DecimalType.of(12, 2));
            assertThat(table.exclude()).containsExactly("phone");
        });
    }

    @Test
    void aBadSettingStopsTheStartNamingItsProperty() {
        Map<String, String> badName = new HashMap<>(MINIMAL);
        badName.put("cdc.lake.tables.Order-Items.source", "order_items");
        badName.put("cdc.lake.tables.Order-Items.keys", "id");
        assertThatThrownBy(() -> LakeSettings.from(mapping(badName))).hasMessageStartingWith("cdc.lake.tables.Order-Items: ");
        Map<String, String> badType = new HashMap<>(MINIMAL);
        badType.put("cdc.lake.tables.users.columns.balance", "money");
        assertThatThrownBy(() -> LakeSettings.from(mapping(badType))).hasMessageStartingWith("cdc.lake.tables.users.columns.balance: ");
        Map<String, String> badCatalog = new HashMap<>(MINIMAL);
        badCatalog.put("cdc.lake.catalog.type", "hive");
        assertThatThrownBy(() -> LakeSettings.from(mapping(badCatalog))).hasMessageStartingWith("cdc.lake.catalog.type ");
        Map<String, String> youngOrphans = new HashMap<>(MINIMAL);
        youngOrphans.put("cdc.lake.maintenance.orphan-age", "PT1M");
        assertThatThrownBy(() -> MaintenanceSettings.from(mapping(youngOrphans).maintenance()))
                .hasMessageStartingWith("cdc.lake.maintenance.orphan-age must be 10 minutes or more");
        Map<String, String> oneFile = new HashMap<>(MINIMAL);
        oneFile.put("cdc.lake.maintenance.min-files", "1");
        assertThatThrownBy(() -> MaintenanceSettings.from(mapping(oneFile).maintenance()))
                .hasMessageStartingWith("cdc.lake.maintenance.min-files must be 2 or more");
    }

    @Test
    void maintenanceDefaults() {
        assertThat(MaintenanceSettings.from(mapping(MINIMAL).maintenance()))
                .isEqualTo(new MaintenanceSettings(20, 128L << 20, Duration.ofHours(1), 10, Duration.ofDays(1)));
    }

    @Test
    void anUnreachableCatalogStopsTheStartNamingItsProperty() {
        Map<String, String> config = new HashMap<>(MINIMAL);
        config.put("cdc.lake.catalog.uri", "jdbc:postgresql://127.0.0.1:1/lake_catalog");
        LakeSettings settings = LakeSettings.from(mapping(config));
        assertThatThrownBy(() -> new LakeChangeWriter(settings, LakeTestCatalog.JSON))
                .hasMessageStartingWith("cdc.lake.catalog.uri: the jdbc catalog at jdbc:postgresql://127.0.0.1:1/lake_catalog cannot be used");
    }

    private static LakeConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(LakeConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(LakeConfig.class);
    }
}
