package com.shop.cdc.common.sink.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Literals are produced only where every dialect reads them alike; the rest is bound. */
class DefaultLiteralTest {

    private static final WarehouseDialect SNOWFLAKE = WarehouseDialect.SNOWFLAKE;

    @Test
    void textIsQuotedWithQuotesDoubledAndBackslashesOrControlsAreBound() {
        ColumnType text = ColumnType.of(ColumnType.Kind.VARCHAR);
        assertThat(DefaultLiteral.of(SNOWFLAKE, text, "O'Brien; --")).isEqualTo("'O''Brien; --'");
        assertThat(DefaultLiteral.of(SNOWFLAKE, text, "a\\b")).isNull();
        assertThat(DefaultLiteral.of(SNOWFLAKE, text, "line\nbreak")).isNull();
    }

    @Test
    void numbersDatesAndInstantsAreTypedAndExact() {
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.decimal(12, 2), new BigDecimal("1E+3").setScale(2)))
                .isEqualTo("CAST('1000.00' AS NUMBER(12,2))");
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.of(ColumnType.Kind.DOUBLE), Double.NaN)).isNull();
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.of(ColumnType.Kind.DATE), LocalDate.of(2020, 2, 29)))
                .isEqualTo("CAST('2020-02-29' AS DATE)");
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.of(ColumnType.Kind.DATE), LocalDate.of(12020, 1, 1))).isNull();
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.of(ColumnType.Kind.TIMESTAMP), Instant.parse("2024-01-15T08:30:00.5Z")))
                .isEqualTo("CAST('2024-01-15 08:30:00.500000+00:00' AS TIMESTAMP_TZ)");
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.of(ColumnType.Kind.TIME), LocalTime.of(1, 2, 3, 1))).isNull();
        assertThat(DefaultLiteral.of(SNOWFLAKE, ColumnType.of(ColumnType.Kind.JSON), "{}")).isNull();
    }
}
