package com.shop.cdc.common.event;

/** The table or collection a change belongs to; {@code schema} is null where the source has none. */
public record SourceTable(String database, String schema, String table) {

    /** {@code database.schema.table}, or {@code database.table} without a schema. */
    public String qualifiedName() {
        return schema == null || schema.isEmpty() ? database + "." + table : database + "." + schema + "." + table;
    }

    /**
     * Whether a configured source name denotes this table: the name's dot-separated parts equal the
     * last parts of {@link #qualifiedName()}, so the database (and the schema) may be left out:
     * {@code public.users} and {@code users} match {@code shop_users.public.users}, as
     * {@code shop_orders.orders} matches MariaDB's {@code shop_orders.orders} (its database is its schema).
     * How many parts matched is what {@link #specificity(String)} tells.
     */
    public boolean matches(String configured) {
        return specificity(configured) > 0;
    }

    /** The number of parts {@code configured} matches (1 to 3), or 0 when it does not denote this table. */
    public int specificity(String configured) {
        String[] parts = configured.split("\\.", -1);
        String[] own = schema == null || schema.isEmpty()
                ? new String[] {database, table} : new String[] {database, schema, table};
        if (parts.length > own.length) {
            return 0;
        }
        for (int i = 1; i <= parts.length; i++) {
            if (!parts[parts.length - i].equals(own[own.length - i])) {
                return 0;
            }
        }
        return parts.length;
    }
}
