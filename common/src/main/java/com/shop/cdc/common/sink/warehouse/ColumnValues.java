package com.shop.cdc.common.sink.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.sink.JsonDocument;
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
     * @throws IllegalArgumentException when the value does not fit the column
     */
    static Object fit(String column, ColumnType type, Object value, ObjectMapper json) {
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
            throw new IllegalArgumentException("column " + column + " " + type.kind() + " cannot hold "
                    + value.getClass().getSimpleName() + " value: an incompatible change of the source column");
        }
        return switch (type.kind()) {
            case VARCHAR -> value instanceof String ? value : String.valueOf(JsonDocument.value(value));
            case JSON -> JsonDocument.json(value, json.getFactory());
            case DECIMAL -> ((BigDecimal) value).setScale(type.scale());
            default -> value;
        };
    }
}
