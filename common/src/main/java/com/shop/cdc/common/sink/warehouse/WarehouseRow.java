package com.shop.cdc.common.sink.warehouse;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One change as the warehouse stores it: the column values of the new state (keys only for a
 * delete), the source position that guards the write, and the columns whose value the source did
 * not send (PostgreSQL unchanged TOAST values), which keep what the target already holds.
 */
public record WarehouseRow(Map<String, Object> values, long position, boolean deleted, String operation,
                           Instant sourceTimestamp, Set<String> unchanged) {

    public WarehouseRow {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        unchanged = Set.copyOf(unchanged);
    }
}
