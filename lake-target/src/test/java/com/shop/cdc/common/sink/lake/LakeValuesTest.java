package com.shop.cdc.common.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.Infinity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Decoded values as Iceberg types and values: exact decimals, instants, JSON as its text. */
class LakeValuesTest {

    private final LakeValues values = new LakeValues(new ObjectMapper());

    @Test
    void decimalsAreExactAtTheirColumnsScaleOrRefused() {
        Types.DecimalType money = Types.DecimalType.of(12, 2);
        assertThat(values.convert(new BigDecimal("1520.5"), money)).isEqualTo(new BigDecimal("1520.50"));
        assertThat(values.convert("1520.50", money)).isEqualTo(new BigDecimal("1520.50"));
        assertThat(values.convert(7L, money)).isEqualTo(new BigDecimal("7.00"));
        assertThatThrownBy(() -> values.convert(new BigDecimal("0.125"), money)).hasMessageContaining("more than 2 decimal places");
        assertThatThrownBy(() -> values.convert(new BigDecimal("12345678901.00"), money)).hasMessageContaining("more digits");
        assertThat(LakeValues.infer(new BigDecimal("1E-7"))).isEqualTo(Types.DecimalType.of(38, 7));
    }

    @Test
    void instantsAreTimestampsWithOrWithoutZoneAndInfinityHasAPlace() {
        Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
        assertThat(LakeValues.infer(at)).isEqualTo(Types.TimestampType.withZone());
        assertThat(values.convert(at, Types.TimestampType.withZone())).isEqualTo(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        assertThat(values.convert(at, Types.TimestampType.withoutZone())).isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000));
        assertThat(values.convert(Infinity.POSITIVE, Types.TimestampType.withZone()))
                .isEqualTo(OffsetDateTime.ofInstant(LakeValues.POSITIVE_INFINITY, ZoneOffset.UTC));
    }

    @Test
    void jsonIsKeptAsItsTextWithNumbersExact() {
        Map<String, Object> json = Map.of("big", new BigDecimal("9007199254740993"));
        assertThat(LakeValues.infer(json)).isEqualTo(Types.StringType.get());
        assertThat(values.convert(json, Types.StringType.get())).isEqualTo("{\"big\":9007199254740993}");
        assertThat(values.convert(List.of(), Types.StringType.get())).isEqualTo("[]");
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsRefused() {
        assertThatThrownBy(() -> values.convert("abc", Types.LongType.get())).hasMessageContaining("does not fit a column of type long");
        assertThatThrownBy(() -> LakeValues.parse("money")).hasMessageContaining("unknown type 'money'");
    }
}
