package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Builds the guarded decoder of one topic from its format; done once at start-up, not per record. */
public final class Decoders {

    private Decoders() {
    }

    public static RecordDecoder create(Format format, boolean schemas, Map<String, LogicalType> fieldTypes,
                                       ObjectMapper json, long maxRecordBytes) {
        return new GuardedDecoder(jsonDecoder(format, schemas, fieldTypes, json), maxRecordBytes, format);
    }

    /** A topic whose connector's converter wrote Avro through a registry: {@code schemas} is its registry. */
    public static RecordDecoder avro(Format format, AvroSchemas schemas, ObjectMapper json, long maxRecordBytes) {
        return new GuardedDecoder(new AvroTranscoder(jsonDecoder(format, true, Map.of(), json), schemas, json),
                maxRecordBytes, format);
    }

    private static RecordDecoder jsonDecoder(Format format, boolean schemas, Map<String, LogicalType> fieldTypes,
                                             ObjectMapper json) {
        return switch (format) {
            case DEBEZIUM_JSON, DEBEZIUM_AVRO -> new DebeziumJsonDecoder(json, schemas, fieldTypes);
            case DEBEZIUM_MONGODB -> new MongoDbDecoder(json, schemas);
            case TRANSACTION_METADATA -> new TransactionMetadataDecoder(json, schemas);
            case SCHEMA_CHANGE -> new SchemaChangeDecoder(json, schemas);
        };
    }
}
