package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Builds the guarded decoder of one topic from its format; done once at start-up, not per record. */
public final class Decoders {

    private Decoders() {
    }

    public static RecordDecoder create(Format format, boolean schemas, Map<String, LogicalType> fieldTypes,
                                       ObjectMapper json, long maxRecordBytes) {
        RecordDecoder decoder = switch (format) {
            case DEBEZIUM_JSON -> new DebeziumJsonDecoder(json, schemas, fieldTypes);
            case DEBEZIUM_MONGODB -> new MongoDbDecoder(json, schemas);
            case TRANSACTION_METADATA -> new TransactionMetadataDecoder(json, schemas);
            case SCHEMA_CHANGE -> new SchemaChangeDecoder(json, schemas);
        };
        return new GuardedDecoder(decoder, maxRecordBytes, format);
    }
}
