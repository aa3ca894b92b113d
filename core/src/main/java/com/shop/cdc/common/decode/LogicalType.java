package com.shop.cdc.common.decode;

import java.util.Locale;

/**
 * How a field's JSON value becomes a logical value. With schemas it comes from the Connect schema
 * (name and parameters); without schemas only configuration can say it, because a base64 decimal,
 * a day count and a microsecond timestamp are indistinguishable on the wire.
 *
 * @param scale the decimal scale, for {@link Kind#DECIMAL} only
 */
public record LogicalType(Kind kind, int scale) {

    public enum Kind {
        /** A plain JSON value, taken as it is. */
        NATIVE,
        /** Connect Decimal: base64 big-endian two's-complement unscaled value with a known scale. */
        DECIMAL,
        /** A decimal written as a string ({@code decimal.handling.mode=string}). */
        DECIMAL_STRING,
        /** io.debezium.data.VariableScaleDecimal: {@code {scale, value}}. */
        VARIABLE_SCALE_DECIMAL,
        /** Connect bytes without a name: base64. */
        BYTES,
        DATE, TIMESTAMP, MICRO_TIMESTAMP, NANO_TIMESTAMP, ZONED_TIMESTAMP, TIME, MICRO_TIME, NANO_TIME,
        /** io.debezium.data.Json: a JSON document in a string. */
        JSON
    }

    public static final LogicalType NATIVE = new LogicalType(Kind.NATIVE, 0);

    public static LogicalType of(Kind kind) {
        return new LogicalType(kind, 0);
    }

    public static LogicalType decimal(int scale) {
        return new LogicalType(Kind.DECIMAL, scale);
    }

    /**
     * Parses the configuration spelling: {@code decimal(2)}, {@code decimal-string},
     * {@code variable-scale-decimal}, {@code bytes}, {@code date}, {@code timestamp},
     * {@code micro-timestamp}, {@code nano-timestamp}, {@code zoned-timestamp}, {@code time},
     * {@code micro-time}, {@code nano-time}, {@code json}, {@code native}.
     */
    public static LogicalType parse(String spec) {
        String text = spec.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("decimal(") && text.endsWith(")")) {
            try {
                return decimal(Integer.parseInt(text.substring(8, text.length() - 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("decimal scale must be an integer: '" + spec + "'");
            }
        }
        if (text.equals("decimal")) {
            throw new IllegalArgumentException("'decimal' needs its scale, e.g. decimal(2): a base64 decimal "
                    + "cannot be decoded without it (or use decimal-string with decimal.handling.mode=string)");
        }
        try {
            return of(Kind.valueOf(text.replace('-', '_').toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + spec + "'");
        }
    }
}
