package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decodes the MySQL/MariaDB schema-change topic (named after {@code topic.prefix}). */
public final class SchemaChangeDecoder implements RecordDecoder {

    private final JsonEnvelope envelope;

    public SchemaChangeDecoder(ObjectMapper json, boolean schemas) {
        this.envelope = new JsonEnvelope(json, schemas, Map.of());
    }

    @Override
    public Decoded decode(RawRecord record) {
        if (record.value() == null) {
            return Decoded.Failure.of("a schema-change record without value", record.origin());
        }
        JsonNode payload = envelope.payload(envelope.read(record.value(), "value"), "value");
        if (!payload.has("ddl")) {
            throw new DecodeException("a schema-change record without 'ddl'", "ddl");
        }
        List<String> tables = new ArrayList<>();
        for (JsonNode change : payload.path("tableChanges")) {
            tables.add(change.path("type").asText() + " " + change.path("id").asText());
        }
        return new Decoded.SchemaChange(payload.path("databaseName").asText(""), payload.get("ddl").asText(), tables,
                record.origin());
    }
}
