package com.shop.cdc.workload;

import java.sql.SQLException;

/**
 * A column added mid-stream with a default ({@code ALTER TABLE … ADD COLUMN … DEFAULT …}): the rows
 * that exist then read the default without any change event, so only a target that fills them in
 * equals the source. Added only when missing, so a workload run again on the same source goes on.
 *
 * @param table        the table as the ALTER names it ({@code public.users}, {@code orders})
 * @param column       the new column
 * @param definition   its type and default, as the ALTER writes them
 */
record AddedColumn(String table, String column, String definition) {

    /** The workloads' columns: users get a tier, orders a sales channel. */
    static final AddedColumn USERS_TIER = new AddedColumn("public.users", "tier", "text DEFAULT 'standard'");
    static final AddedColumn ORDERS_CHANNEL = new AddedColumn("orders", "channel", "varchar(16) NOT NULL DEFAULT 'web'");

    /** Adds the column unless the table has it; true when it was added now. */
    boolean addTo(SourceDatabase db) throws SQLException {
        if (db.hasColumn(unqualified(), column)) {
            return false;
        }
        db.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition);
        return true;
    }

    String unqualified() {
        return table.substring(table.lastIndexOf('.') + 1);
    }
}
