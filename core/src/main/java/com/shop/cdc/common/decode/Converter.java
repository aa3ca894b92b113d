package com.shop.cdc.common.decode;

import java.util.Locale;

/** How the connector's converter serialised a topic's keys and values (Kafka Connect's key/value.converter). */
public enum Converter {
    /** Kafka's JsonConverter: JSON text, with or without the {schema, payload} wrapper. */
    JSON,
    /**
     * An Avro converter writing through a schema registry in the Confluent wire format (a zero byte,
     * the 4-byte schema id, the Avro body): Confluent's AvroConverter, or Apicurio's with
     * {@code apicurio.registry.as-confluent=true}.
     */
    AVRO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
