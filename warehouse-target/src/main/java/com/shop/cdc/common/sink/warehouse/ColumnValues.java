package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.target.JsonDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Fits a decoded value to a column type, or says why it cannot: never a silent retype. */
final class ColumnValues {

    private ColumnValues() {
    }

    /** The type a new, undeclared source field gets. Decimals of unknown scale stay exact as text. */
    static ColumnType inferred(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ColumnType.of(ColumnType.Kind.BIGINT);
        }
        if (value instanceof Double) {
            return ColumnType.of(ColumnType.Kind.DOUBLE);
        }
        if (value instanceof Boolean) {
            return ColumnType.of(ColumnType.Kind.BOOLEAN);
        }
        if (value instanceof Instant) {
            return ColumnType.of(ColumnType.Kind.TIMESTAMP);
        }
        if (value instanceof LocalDate) {
            return ColumnType.of(ColumnType.Kind.DATE);
        }
        if (value instanceof LocalTime) {
            return ColumnType.of(ColumnType.Kind.TIME);
        }
        if (value instanceof Map || value instanceof List) {
            return ColumnType.of(ColumnType.Kind.JSON);
        }
        return ColumnType.of(ColumnType.Kind.VARCHAR);
    }

    /**
     * @return the value to bind (null for ±infinity in a date or time column)
     * @throws IllegalArgumentException when the value does not fit the column, naming the column, the value and what fits
     */
    static Object fit(String column, ColumnType type, Object value, ObjectMapper json, WarehouseDialect dialect) {
        if (value == null || value instanceof Infinity) {
            return null;
        }
        boolean fits = switch (type.kind()) {
            case BIGINT, INTEGER -> value instanceof Long || value instanceof Integer;
            case DECIMAL -> value instanceof BigDecimal decimal
                    && decimal.stripTrailingZeros().scale() <= type.scale()
                    && decimal.precision() - decimal.scale() <= type.precision() - type.scale();
            case DOUBLE -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case VARCHAR -> true;
            case DATE -> value instanceof LocalDate;
            case TIME -> value instanceof LocalTime;
            case TIMESTAMP -> value instanceof Instant;
            case JSON -> true;
        };
        if (!fits) {
            throw misfit(column, type, value, holds(type) + " (an incompatible change of the source column?)");
        }
        Object fitted = switch (type.kind()) {
            case VARCHAR -> value instanceof String ? value : String.valueOf(JsonDocument.value(value));
            case JSON -> JsonDocument.columnJson(value, json.getFactory());
            case DECIMAL -> ((BigDecimal) value).setScale(type.scale());
            default -> value;
        };
        String limit = ColumnLimits.misfit(dialect, type, fitted);
        if (limit != null) {
            throw misfit(column, type, value, "it " + limit);
        }
        return fitted;
    }

    private static IllegalArgumentException misfit(String column, ColumnType type, Object value, String fits) {
        return new IllegalArgumentException("column " + column + " " + spelled(type) + " cannot hold "
                + value.getClass().getSimpleName() + " " + preview(value) + ": " + fits);
    }

    private static String holds(ColumnType type) {
        return switch (type.kind()) {
            case BIGINT, INTEGER -> "it holds whole numbers";
            case DECIMAL -> "it holds numbers with up to " + (type.precision() - type.scale()) + " digits before the point and "
                    + type.scale() + " after";
            case DOUBLE -> "it holds numbers";
            case BOOLEAN -> "it holds true or false";
            case DATE -> "it holds dates";
            case TIME -> "it holds times of day";
            case TIMESTAMP -> "it holds instants";
            case VARCHAR, JSON -> "it holds text";
        };
    }

    private static String spelled(ColumnType type) {
        return type.kind() == ColumnType.Kind.DECIMAL ? "DECIMAL(" + type.precision() + "," + type.scale() + ")" : type.kind().name();
    }

    /** The value as a person reads it in a dead letter, cut short: a column can hold megabytes. */
    private static String preview(Object value) {
        String text = value instanceof String string ? "'" + string + "'" : String.valueOf(JsonDocument.value(value));
        int length = text.length();
        String shown = length > 80 ? text.substring(0, 80) + "… (" + length + " characters)" : text;
        return shown.replace("\0", "\\0");
    }
}
