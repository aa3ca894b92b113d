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
 * @param before the position of the first change seen declaring the default: a document written at
 *               or after it came from a row that has the field (its value, or an explicit null)
 */
record DefaultFields(String field, Map<String, Object> fields, long before) {

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
        return new DefaultFields(field, fields, Long.MAX_VALUE);
    }

    /** The same fields, given only to documents written before {@code position}. */
    DefaultFields before(long position) {
        return new DefaultFields(field, fields, position);
    }

    /** Whether a document part lacks the field: it holds none of its names (an explicit null counts as held). */
    boolean lackedBy(Map<String, Object> part) {
        return fields.keySet().stream().noneMatch(part::containsKey);
    }

    /** Whether a document written at {@code position} lacking the field predates the default, and so gets it. */
    boolean lackedBy(Map<String, Object> part, long position) {
        return position < before && lackedBy(part);
    }
}
