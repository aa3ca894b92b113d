package com.shop.cdc.common.decode;

import java.util.Locale;

/** What a topic carries; configured once per topic. */
public enum Format {
    /** Row changes of the relational connectors (PostgreSQL, MySQL, MariaDB). */
    DEBEZIUM_JSON,
    /** The same changes through an Avro converter: {@code debezium-json} with {@code converter=avro} implied. */
    DEBEZIUM_AVRO,
    /** Document changes of the MongoDB connector. */
    DEBEZIUM_MONGODB,
    /** BEGIN/END records of {@code <prefix>.transaction}. */
    TRANSACTION_METADATA,
    /** DDL records of the MySQL/MariaDB schema-change topic {@code <prefix>}. */
    SCHEMA_CHANGE;

    /** The configuration spelling: {@code debezium-json}, {@code debezium-mongodb}, … */
    /** The converter the format implies, else the topic's {@code converter} setting. */
    public Converter converter(Converter configured) {
        return this == DEBEZIUM_AVRO ? Converter.AVRO : configured;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
