package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Debezium envelope of the relational connectors (PostgreSQL, MySQL, MariaDB) as
 * Kafka's JsonConverter writes it, with or without schemas.
 */
public final class DebeziumJsonDecoder implements RecordDecoder {

    private static final List<String> KEY_CHANGE_HEADERS = List.of(ChangeEvent.NEW_KEY_HEADER, ChangeEvent.OLD_KEY_HEADER);

    private final JsonEnvelope envelope;

    /** @param fieldTypes types of fields the wire cannot describe (used only without schemas) */
    public DebeziumJsonDecoder(ObjectMapper json, boolean schemas, Map<String, LogicalType> fieldTypes) {
        this.envelope = new JsonEnvelope(json, schemas, fieldTypes);
    }

    @Override
    public Decoded decode(RawRecord record) {
        Map<String, Object> key = record.key() == null ? Map.of() : key(record.key());
        if (record.value() == null) {
            return record.key() == null ? Decoded.Failure.of("a record with neither key nor value", record.origin())
                    : new Decoded.Tombstone(key, record.origin());
        }
        JsonEnvelope.Payload payload = envelope.payloadWithImages(record.value());
        Operation operation = operation(payload.blocks());
        SourceBlock source = SourceBlock.read(payload.blocks().get("source"), payload.blocks().get("transaction"));
        Map<String, Object> before = operation == Operation.TRUNCATE ? null : payload.before();
        Map<String, Object> after = operation == Operation.TRUNCATE ? null : payload.after();
        requireImages(operation, before, after);
        return new Decoded.Change(new ChangeEvent(source.table(), key, operation, before, after, source.position(),
                source.timestamp(), source.transaction(), source.snapshot(), record.origin(), headers(record),
                payload.defaults()));
    }

    private Map<String, Object> key(byte[] bytes) {
        JsonNode root = envelope.read(bytes, "key");
        JsonNode payload = envelope.payload(root, "key"); // the wrapper is checked before its schema is read
        Map<String, Object> key = envelope.rows(root, null).decode(payload);
        if (key == null || key.isEmpty()) {
            throw new DecodeException("the key has no fields", "key");
        }
        return key;
    }

    static Operation operation(JsonNode payload) {
        JsonNode op = payload.get("op");
        if (op == null || op.isNull()) {
            if (payload.has("ddl")) {
                throw new DecodeException("expected a data change with 'op'; found a schema-change record (with 'ddl'): "
                        + "a schema-change topic is configured with format=schema-change", "op", "format");
            }
            throw new DecodeException("expected a Debezium change envelope with 'op'; the envelope has no 'op', found "
                    + Found.node(payload), "op");
        }
        return Operation.fromCode(op.asText())
                .orElseThrow(() -> new DecodeException("unknown op '" + op.asText() + "': expected c, u, d, r or t", "op"));
    }

    static void requireImages(Operation operation, Map<String, Object> before, Map<String, Object> after) {
        if (operation.isUpsert() && after == null) {
            throw new DecodeException("a '" + operation.code() + "' change without 'after': expected the row the change "
                    + "leaves, found null", "after");
        }
    }

    /**
     * The headers a change carries: Debezium's marks of a primary-key change, all that reads them.
     * Every other header stays on the raw record, for its dead letter.
     */
    static Map<String, String> headers(RawRecord record) {
        Map<String, String> keyChange = Map.of();
        for (String name : KEY_CHANGE_HEADERS) {
            if (record.headers().containsKey(name)) {
                byte[] value = record.headers().get(name);
                keyChange = keyChange.isEmpty() ? new LinkedHashMap<>() : keyChange;
                keyChange.put(name, value == null ? "" : new String(value, StandardCharsets.UTF_8));
            }
        }
        return keyChange;
    }
}
