package com.shop.cdc.common.sink.warehouse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a warehouse's column can hold beyond its logical type. A value outside it would fail the
 * whole batch's statement, retried without end (DuckDB's Appender even throws an unchecked
 * overflow for a far instant), or be silently wrapped (an INTEGER given 3,000,000,000): it is
 * refused for its own change instead, saying what fits.
 */
final class ColumnLimits {

    private static final long SNOWFLAKE_MAX_TEXT_BYTES = 16 * 1024 * 1024;
    private static final LocalDate DUCKDB_FIRST_DATE = LocalDate.of(-5_877_641, 6, 25);
    private static final LocalDate DUCKDB_LAST_DATE = LocalDate.of(5_881_580, 7, 10);
    private static final Instant DUCKDB_FIRST_INSTANT = Instant.parse("-290308-12-22T00:00:00Z");
    private static final Instant DUCKDB_LAST_INSTANT = Instant.parse("+294247-01-10T04:00:54.775806Z");
    private static final LocalDate POSTGRES_FIRST_DATE = LocalDate.of(-4712, 1, 1);
    private static final LocalDate POSTGRES_LAST_DATE = LocalDate.of(5_874_897, 12, 31);
    private static final Instant POSTGRES_FIRST_INSTANT = Instant.parse("-4712-01-01T00:00:00Z");
    private static final Instant POSTGRES_LAST_INSTANT = Instant.parse("+294276-12-31T23:59:59.999999Z");
    private static final LocalDate SNOWFLAKE_FIRST_DATE = LocalDate.of(1, 1, 1);
    private static final LocalDate SNOWFLAKE_LAST_DATE = LocalDate.of(9999, 12, 31);
    private static final Instant SNOWFLAKE_FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant SNOWFLAKE_LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private ColumnLimits() {
    }

    /** @return why the fitted value cannot be stored in this dialect's column, or null when it can */
    static String misfit(WarehouseDialect dialect, ColumnType type, Object value) {
        return switch (type.kind()) {
            case INTEGER -> {
                long number = ((Number) value).longValue();
                yield number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? null
                        : "holds " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
            }
            case DATE -> {
                LocalDate date = (LocalDate) value;
                LocalDate first = switch (dialect) {
                    case DUCKDB -> DUCKDB_FIRST_DATE;
                    case POSTGRESQL -> POSTGRES_FIRST_DATE;
                    case SNOWFLAKE -> SNOWFLAKE_FIRST_DATE;
                };
                LocalDate last = switch (dialect) {
                    case DUCKDB -> DUCKDB_LAST_DATE;
                    case POSTGRESQL -> POSTGRES_LAST_DATE;
                    case SNOWFLAKE -> SNOWFLAKE_LAST_DATE;
                };
                yield date.isBefore(first) || date.isAfter(last) ? "holds " + first + " to " + last + " on " + name(dialect) : null;
            }
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                Instant first = switch (dialect) {
                    case DUCKDB -> DUCKDB_FIRST_INSTANT;
                    case POSTGRESQL -> POSTGRES_FIRST_INSTANT;
                    case SNOWFLAKE -> SNOWFLAKE_FIRST_INSTANT;
                };
                Instant last = switch (dialect) {
                    case DUCKDB -> DUCKDB_LAST_INSTANT;
                    case POSTGRESQL -> POSTGRES_LAST_INSTANT;
                    case SNOWFLAKE -> SNOWFLAKE_LAST_INSTANT;
                };
                yield instant.isBefore(first) || instant.isAfter(last) ? "holds " + first + " to " + last + " on " + name(dialect) : null;
            }
            case VARCHAR -> text(dialect, value.toString(), value.toString().indexOf('\0') >= 0);
            case JSON -> text(dialect, value.toString(), escapesNul(value.toString()));
            default -> null;
        };
    }

    /** PostgreSQL's text and JSONB cannot hold the character U+0000; Snowflake's VARCHAR and VARIANT hold 16 MB. */
    private static String text(WarehouseDialect dialect, String text, boolean nul) {
        if (dialect == WarehouseDialect.POSTGRESQL && nul) {
            return "holds no character U+0000 on postgresql";
        }
        if (dialect == WarehouseDialect.SNOWFLAKE && text.length() > SNOWFLAKE_MAX_TEXT_BYTES / 3) {
            long bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > SNOWFLAKE_MAX_TEXT_BYTES) {
                return "holds up to " + SNOWFLAKE_MAX_TEXT_BYTES + " bytes on snowflake, not " + bytes;
            }
        }
        return null;
    }

    /** Whether JSON text spells U+0000 as an escape ({@code \\u0000} after an odd run of backslashes). */
    private static boolean escapesNul(String json) {
        for (int at = json.indexOf("u0000"); at >= 0; at = json.indexOf("u0000", at + 1)) {
            int backslashes = 0;
            while (at - backslashes - 1 >= 0 && json.charAt(at - backslashes - 1) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return true;
            }
        }
        return false;
    }

    private static String name(WarehouseDialect dialect) {
        return dialect.name().toLowerCase(java.util.Locale.ROOT);
    }
}
