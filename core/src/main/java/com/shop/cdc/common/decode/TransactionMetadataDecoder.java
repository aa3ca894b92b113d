package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes BEGIN/END records of the transaction-metadata topic. They are reported, never waited
 * for: MariaDB emits a BEGIN without END for DDL and for a TRUNCATE.
 */
public final class TransactionMetadataDecoder implements RecordDecoder {

    private final JsonEnvelope envelope;

    public TransactionMetadataDecoder(ObjectMapper json, boolean schemas) {
        this.envelope = new JsonEnvelope(json, schemas, Map.of());
    }

    @Override
    public Decoded decode(RawRecord record) {
        if (record.value() == null) {
            return Decoded.Failure.of("a transaction-metadata record without value", record.origin());
        }
        JsonNode payload = envelope.payload(envelope.read(record.value(), "value"), "value");
        String status = payload.path("status").asText("");
        if (!status.equals("BEGIN") && !status.equals("END")) {
            throw new DecodeException("transaction status should be BEGIN or END, found '" + status + "'", "status");
        }
        Map<String, Long> perCollection = new LinkedHashMap<>();
        for (JsonNode collection : payload.path("data_collections")) {
            perCollection.put(collection.path("data_collection").asText(), collection.path("event_count").asLong());
        }
        return new Decoded.TransactionBoundary(status, payload.path("id").asText(), payload.path("event_count").asLong(0),
                perCollection, record.origin());
    }
}
