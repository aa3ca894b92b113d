package com.shop.cdc.common.sink.warehouse;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One change as the warehouse stores it: the column values of the new state (keys only for a
 * delete), the source position that guards the write, and the columns whose value the source did
 * not send (PostgreSQL unchanged TOAST values), which keep what the target already holds.
 * {@code values} also names, with null, fields the source sent null for a column not created yet:
 * a field it holds is one the change declared; a column it lacks, one the change's schema did not have.
 */
public record WarehouseRow(Map<String, Object> values, long position, boolean deleted, String operation,
                           Instant sourceTimestamp, Set<String> unchanged) {

    public WarehouseRow {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        unchanged = Set.copyOf(unchanged);
    }

    /** The same change with more values known: columns given here are no longer unchanged. */
    public WarehouseRow with(Map<String, Object> more) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(values);
        all.putAll(more);
        Set<String> still = new java.util.HashSet<>(unchanged);
        still.removeAll(more.keySet());
        return new WarehouseRow(all, position, deleted, operation, sourceTimestamp, still);
    }
}
