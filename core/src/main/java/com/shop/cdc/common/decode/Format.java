package com.shop.cdc.common.decode;

import java.util.Locale;

/** What a topic carries; configured once per topic. */
public enum Format {
    /** Row changes of the relational connectors (PostgreSQL, MySQL, MariaDB). */
    DEBEZIUM_JSON,
    /** Document changes of the MongoDB connector. */
    DEBEZIUM_MONGODB,
    /** BEGIN/END records of {@code <prefix>.transaction}. */
    TRANSACTION_METADATA,
    /** DDL records of the MySQL/MariaDB schema-change topic {@code <prefix>}. */
    SCHEMA_CHANGE;

    /** The configuration spelling: {@code debezium-json}, {@code debezium-mongodb}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
