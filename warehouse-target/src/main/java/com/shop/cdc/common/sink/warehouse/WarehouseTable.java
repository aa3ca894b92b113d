package com.shop.cdc.common.sink.warehouse;

import java.util.List;
import java.util.Set;

/**
 * A warehouse table fed by one source table: its declared shape plus what the source must not
 * reveal there (fields dropped, fields pseudonymised with a salted hash before the write).
 */
public record WarehouseTable(String source, TableSpec spec, Set<String> excluded, Set<String> hashed) {

    public WarehouseTable {
        excluded = Set.copyOf(excluded);
        hashed = Set.copyOf(hashed);
    }

    public List<String> keyColumns() {
        return spec.keyColumns();
    }
}
