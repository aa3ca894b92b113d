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
 * The before image holds it under {@code REPLICA IDENTITY FULL}; otherwise it is read from the index.
 */
final class UnchangedFields {

    private final ElasticsearchHttp http;

    UnchangedFields(ElasticsearchHttp http) {
        this.http = http;
    }

    /** The after image, with unchanged values taken from the before image where it holds them. */
    static Map<String, Object> fromBefore(ChangeEvent change) {
        Map<String, Object> after = change.after();
        if (!after.containsValue(Unavailable.VALUE) || change.before() == null) {
            return after;
        }
        Map<String, Object> row = new LinkedHashMap<>(after);
        row.replaceAll((field, value) -> value == Unavailable.VALUE
                && change.before().containsKey(field) && change.before().get(field) != Unavailable.VALUE
                ? change.before().get(field) : value);
        return row;
    }

    /** Fields whose value neither image holds. */
    static Set<String> missing(ChangeEvent change) {
        Set<String> missing = new LinkedHashSet<>();
        if (change.after() != null) {
            fromBefore(change).forEach((field, value) -> {
                if (value == Unavailable.VALUE) {
                    missing.add(field);
                }
            });
        }
        return missing;
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
