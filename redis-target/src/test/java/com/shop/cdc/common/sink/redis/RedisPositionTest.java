package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The write script compares positions as strings: they must be the 19-digit zero-padded numbers. */
class RedisPositionTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 1_000_094_400_000L, 999_999_999_999_999_999L, Long.MAX_VALUE, -1, Long.MIN_VALUE})
    void isZeroPaddedToNineteenDigits(long position) {
        assertThat(RedisChangeWriter.position(position)).isEqualTo(String.format("%019d", position));
    }
}
