package com.shop.cdc.common.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.sink.redis.RedisMode;
import com.shop.cdc.common.sink.redis.RedisSinkConfig;
import com.shop.cdc.common.sink.warehouse.WarehouseConfig;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.Targets;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardTargetsTest {

    @Test
    void writesBothTargetsByDefault() {
        assertThat(targetNames(Map.of())).containsExactly("redis", "warehouse");
    }

    @Test
    void anInstanceCanWriteOneTargetAndThenNeedsNothingOfTheOther() {
        assertThat(targetNames(Map.of("cdc.pipeline.targets", "redis", "cdc.warehouse.jdbc-url", ""))).containsExactly("redis");
        assertThat(targetNames(Map.of("cdc.pipeline.targets", " warehouse "))).containsExactly("warehouse");
    }

    @Test
    void anUnknownOrEmptySelectionFailsNamingTheProperty() {
        assertThatThrownBy(() -> targetNames(Map.of("cdc.pipeline.targets", "redis,elasticsearch")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cdc.pipeline.targets").hasMessageContaining("elasticsearch");
        assertThatThrownBy(() -> targetNames(Map.of("cdc.pipeline.targets", ",")))
                .hasMessageContaining("cdc.pipeline.targets");
    }

    private static java.util.List<String> targetNames(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "cdc.redis.tables.\"shop.public.users\".key", "user:{id}",
                "cdc.redis.tombstone-ttl", "P7D", // Quarkus, not plain SmallRye Config, reads "7d"
                "cdc.warehouse.jdbc-url", "jdbc:duckdb:",
                "cdc.warehouse.tables.USERS.source", "shop.public.users",
                "cdc.warehouse.tables.USERS.keys", "id",
                "cdc.warehouse.tables.USERS.columns.id", "bigint"));
        properties.putAll(overrides);
        properties.values().removeIf(String::isEmpty);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(PipelineConfig.class).withMapping(RedisSinkConfig.class).withMapping(WarehouseConfig.class)
                .build();
        Targets targets = StandardTargets.configured(null, RedisMode.STANDALONE, new ObjectMapper(),
                config.getConfigMapping(RedisSinkConfig.class), config.getConfigMapping(WarehouseConfig.class),
                config.getConfigMapping(PipelineConfig.class));
        return targets.writers().stream().map(ChangeWriter::target).toList();
    }
}
