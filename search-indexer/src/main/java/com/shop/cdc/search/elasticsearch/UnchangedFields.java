package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Unavailable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Unchanged PostgreSQL TOAST values arrive as placeholders: the document keeps the value it had.
 * The before image holds it under {@code REPLICA IDENTITY FULL}; otherwise an earlier change of the
 * batch or the stored document does.
 */
final class UnchangedFields {

    private final ElasticsearchHttp http;

    UnchangedFields(ElasticsearchHttp http) {
        this.http = http;
    }

    /** The after image, with unchanged values taken from the before image where it holds them. */
    static Map<String, Object> fromBefore(ChangeEvent change) {
        return change.before() == null ? change.after() : fillFrom(change.after(), change.before());
    }

    /** The row, with its unchanged values taken from {@code earlier} where it holds them. */
    static Map<String, Object> fillFrom(Map<String, Object> row, Map<String, Object> earlier) {
        if (!holdsUnchanged(row)) {
            return row;
        }
        Map<String, Object> filled = new LinkedHashMap<>(row);
        filled.replaceAll((field, value) -> value == Unavailable.VALUE && earlier.containsKey(field)
                ? earlier.get(field) : value);
        return filled;
    }

    static boolean holdsUnchanged(Map<String, Object> row) {
        return row.containsValue(Unavailable.VALUE);
    }

    /** Fields whose value the row does not hold. */
    static Set<String> unchanged(Map<String, Object> row) {
        Set<String> unchanged = new LinkedHashSet<>();
        row.forEach((field, value) -> {
            if (value == Unavailable.VALUE) {
                unchanged.add(field);
            }
        });
        return unchanged;
    }

    /** The stored values of those fields (and their {@code _minor} companions), in document form. */
    @SuppressWarnings("unchecked")
    Map<String, Object> stored(String index, String id, Set<String> fields) {
        Map<String, Object> kept = new HashMap<>();
        http.callOrNotFound("GET", "/" + index + "/_source/" + id, null).ifPresent((JsonNode source) -> {
            Map<String, Object> document = http.json().convertValue(source, Map.class);
            for (String field : fields) {
                for (String name : new String[] {field, field + "_minor"}) {
                    if (document.containsKey(name)) {
                        kept.put(name, document.get(name));
                    }
                }
            }
        });
        return kept;
    }
}
