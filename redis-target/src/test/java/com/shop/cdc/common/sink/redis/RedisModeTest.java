package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisModeTest {

    @Test
    void theClientTypeSaysWhetherRedisIsACluster() {
        assertThat(RedisMode.of("cluster")).isEqualTo(RedisMode.CLUSTER);
        assertThat(RedisMode.of(" CLUSTER ")).isEqualTo(RedisMode.CLUSTER);
        assertThat(RedisMode.of("standalone")).isEqualTo(RedisMode.STANDALONE);
        assertThat(RedisMode.of("sentinel")).isEqualTo(RedisMode.STANDALONE);
    }

    @Test
    void anUnknownClientTypeFailsNamingTheProperty() {
        assertThatThrownBy(() -> RedisMode.of("clustr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarkus.redis.client-type").hasMessageContaining("clustr");
    }

    @Test
    void aKeysSlotIsThatOfItsHashTag() {
        assertThat(HashSlots.slot("foo")).isEqualTo(12182); // redis-cli CLUSTER KEYSLOT foo
        assertThat(HashSlots.slot("order:{42}")).isEqualTo(HashSlots.slot("order:{42}:pos")).isEqualTo(HashSlots.slot("42"));
        assertThat(HashSlots.slot("order:{}")).isNotEqualTo(HashSlots.slot("order:{}:pos"));
        for (int slot = 0; slot < HashSlots.COUNT; slot += 97) {
            assertThat(HashSlots.slot("cdc:truncated:t:{" + HashSlots.tag(slot) + "}")).isEqualTo(slot);
        }
    }
}
