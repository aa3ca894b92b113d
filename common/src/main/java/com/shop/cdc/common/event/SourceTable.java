package com.shop.cdc.common.event;

/** The table or collection a change belongs to; {@code schema} is null where the source has none. */
public record SourceTable(String database, String schema, String table) {

    /** {@code database.schema.table}, or {@code database.table} without a schema. */
    public String qualifiedName() {
        return schema == null || schema.isEmpty() ? database + "." + table : database + "." + schema + "." + table;
    }
}
