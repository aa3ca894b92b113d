package com.shop.cdc.common.sink.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A source column's declared default as the SQL literal of a warehouse column's {@code DEFAULT},
 * for a value already fitted to the column ({@link ColumnValues#fit}). Only spellings every dialect
 * reads alike are produced: text without backslashes or control characters (Snowflake reads a
 * backslash as an escape, the others do not), exact decimals, finite doubles, dates and instants
 * of four-digit years, all to the microsecond. Anything else has no literal here; the caller binds it instead.
 */
final class DefaultLiteral {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private DefaultLiteral() {
    }

    /** @return the literal, or null when the value needs a bind */
    static String of(WarehouseDialect dialect, ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BIGINT, INTEGER -> Long.toString(((Number) value).longValue());
            case DECIMAL -> "CAST('" + ((BigDecimal) value).toPlainString() + "' AS " + dialect.typeName(type) + ")";
            case DOUBLE -> {
                double number = ((Number) value).doubleValue();
                yield Double.isFinite(number) ? "CAST('" + number + "' AS " + dialect.typeName(type) + ")" : null;
            }
            case BOOLEAN -> (Boolean) value ? "TRUE" : "FALSE";
            case VARCHAR -> plain((String) value) ? "'" + ((String) value).replace("'", "''") + "'" : null;
            case DATE -> fourDigitYear(((LocalDate) value).getYear()) ? "CAST('" + value + "' AS DATE)" : null;
            case TIME -> ((LocalTime) value).getNano() % 1_000 == 0 ? "CAST('" + value + "' AS TIME)" : null;
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                yield fourDigitYear(instant.atOffset(ZoneOffset.UTC).getYear()) && instant.getNano() % 1_000 == 0
                        ? "CAST('" + INSTANT.format(instant) + "+00:00' AS " + dialect.typeName(type) + ")" : null;
            }
            case JSON -> null;
        };
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fourDigitYear(int year) {
        return year >= 1 && year <= 9999;
    }
}
