package com.shop.cdc.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceNameTest {

    @Test
    void anInstanceWritingEveryTargetIsTheService() {
        assertThat(ServiceName.of("users-sink", List.of("redis", "warehouse")).value()).isEqualTo("users-sink");
    }

    @Test
    void anInstanceWritingOneTargetNamesIt() {
        assertThat(ServiceName.of("users-sink", List.of("redis")).value()).isEqualTo("users-sink-redis");
        assertThat(ServiceName.of("orders-sink", List.of("warehouse")).value()).isEqualTo("orders-sink-warehouse");
    }
}
