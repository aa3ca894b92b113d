package com.shop.cdc.common.sink;

import com.shop.cdc.common.event.Unavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row as a JSON document for the JSON targets: decimals as exact strings ({@code "1520.50"}, no
 * binary float on the way), instants as ISO-8601 UTC, dates and times as ISO, infinity as
 * {@code "infinity"}, bytes as base64. Unavailable values are left out; the target keeps its own.
 */
public final class JsonDocument {

    private JsonDocument() {
    }

    public static Map<String, Object> of(Map<String, Object> row) {
        Map<String, Object> document = new LinkedHashMap<>();
        row.forEach((name, value) -> {
            if (value != Unavailable.VALUE) {
                document.put(name, value(value));
            }
        });
        return document;
    }

    @SuppressWarnings("unchecked")
    public static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            return of((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(element -> converted.add(value(element)));
            return converted;
        }
        return value.toString(); // Infinity, BigInteger
    }
}
