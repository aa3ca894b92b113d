package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The defaults each table declared, with the position of the change they were learned from. A
 * change from before the {@code ADD COLUMN} may still arrive after the backfill (its partition
 * lagging): the source's row has the default, so its document gets it too. A newer change lacking
 * the field comes after a {@code DROP COLUMN} and is written as it is.
 */
final class DeclaredDefaults {

    private record Known(Object value, long since) {
    }

    /** By table and field. */
    private final Map<String, Map<String, Known>> known = new ConcurrentHashMap<>();

    /** Learns the defaults a change of {@code table} (its configured name) declares. */
    void learn(String table, ChangeEvent change) {
        if (change.defaults().isEmpty()) {
            return;
        }
        Map<String, Known> fields = known.computeIfAbsent(table, name -> new ConcurrentHashMap<>());
        change.defaults().forEach((field, value) -> fields.putIfAbsent(field, new Known(value, change.position().value())));
    }

    /** The row, with the declared defaults of the fields it lacks when the change at {@code position} predates them. */
    Map<String, Object> completed(String table, long position, Map<String, Object> row) {
        Map<String, Known> fields = known.get(table);
        if (fields == null || row.keySet().containsAll(fields.keySet())) {
            return row;
        }
        Map<String, Object> completed = new LinkedHashMap<>(row);
        fields.forEach((field, declared) -> {
            if (!completed.containsKey(field) && position < declared.since()) {
                completed.put(field, declared.value());
            }
        });
        return completed;
    }
}
