package com.shop.cdc.common.sink.warehouse;

/**
 * The logical column types a warehouse table can hold. Each dialect spells them in its own SQL;
 * {@code precision}/{@code scale} matter only for {@link Kind#DECIMAL}.
 */
public record ColumnType(Kind kind, int precision, int scale) {

    public enum Kind { BIGINT, INTEGER, DECIMAL, DOUBLE, BOOLEAN, VARCHAR, DATE, TIMESTAMP, TIME, JSON }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** Parses {@code bigint}, {@code decimal(12,2)}, {@code varchar}, {@code timestamp} … as written in configuration. */
    public static ColumnType parse(String text) {
        String spec = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (spec.startsWith("DECIMAL(") && spec.endsWith(")")) {
            String[] parts = spec.substring(8, spec.length() - 1).split(",");
            if (parts.length == 2) {
                return decimal(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        }
        try {
            return of(Kind.valueOf(spec));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column type '" + text + "' (expected one of "
                    + java.util.Arrays.toString(Kind.values()) + " or decimal(p,s))");
        }
    }
}
