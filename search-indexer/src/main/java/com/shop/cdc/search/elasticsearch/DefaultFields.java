package com.shop.cdc.search.elasticsearch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a declared default becomes in a document, by the same code that builds the documents of
 * changes: a row holding only that value, built, less what a row holding nothing builds. So an
 * amount gets its {@code _minor} companion, a personal field the index keeps out gives nothing,
 * and the types are those of every other document.
 *
 * @param fields the document's fields for the default; empty when the index does not keep it
 */
record DefaultFields(String field, Map<String, Object> fields) {

    DefaultFields {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @throws IllegalArgumentException when the builder refuses the value (an amount it cannot store exactly) */
    static DefaultFields of(String field, Object value, UnaryOperator<Map<String, Object>> builder) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(field, value);
        Map<String, Object> built = builder.apply(row);
        Map<String, Object> empty = builder.apply(new LinkedHashMap<>());
        Map<String, Object> fields = new LinkedHashMap<>();
        built.forEach((name, written) -> {
            if (!empty.containsKey(name) || !Objects.equals(empty.get(name), written)) {
                fields.put(name, written);
            }
        });
        return new DefaultFields(field, fields);
    }

    /** Whether a document part lacks the field: it holds none of its names (an explicit null counts as held). */
    boolean lackedBy(Map<String, Object> part) {
        return fields.keySet().stream().noneMatch(part::containsKey);
    }
}
