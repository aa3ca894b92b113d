package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the Debezium MongoDB connector's envelope: the key {@code {"id": "<Extended JSON of _id>"}},
 * {@code after}/{@code before} as Extended JSON strings (or, in the newer form, documents).
 * Supported capture modes give a full {@code after} on updates ({@code change_streams_update_full},
 * with or without pre-images), looked up after the update: an update whose document a delete
 * removed before the lookup arrives with {@code after: null} and decodes as
 * {@link Decoded.Superseded}, since the delete follows it in the log and decides the document.
 */
public final class MongoDbDecoder implements RecordDecoder {

    private final JsonEnvelope envelope;
    private final ObjectMapper json;

    public MongoDbDecoder(ObjectMapper json, boolean schemas) {
        this.envelope = new JsonEnvelope(json, schemas, Map.of());
        this.json = json;
    }

    @Override
    public Decoded decode(RawRecord record) {
        if (record.key() == null) {
            return Decoded.Failure.of("a MongoDB change without a key", record.origin());
        }
        Map<String, Object> key = key(record.key());
        if (record.value() == null) {
            return new Decoded.Tombstone(key, record.origin());
        }
        JsonNode payload = envelope.payload(envelope.read(record.value(), "value"), "value");
        if (!payload.isObject()) {
            throw new DecodeException("the envelope should be an object, found " + Found.node(payload));
        }
        Operation operation = DebeziumJsonDecoder.operation(payload);
        SourceBlock source = SourceBlock.read(payload.get("source"), payload.get("transaction"));
        Map<String, Object> before = document(payload.get("before"), "before");
        Map<String, Object> after = document(payload.get("after"), "after");
        if (operation == Operation.UPDATE && after == null) {
            return new Decoded.Superseded(source.table(), key, source.position(), record.origin());
        }
        DebeziumJsonDecoder.requireImages(operation, before, after);
        return new Decoded.Change(new ChangeEvent(source.table(), key, operation, before, after, source.position(),
                source.timestamp(), source.transaction(), source.snapshot(), record.origin(),
                DebeziumJsonDecoder.headers(record)));
    }

    /** The key's {@code id} is the document's {@code _id} written as Extended JSON, inside a string. */
    private Map<String, Object> key(byte[] bytes) {
        JsonNode id = envelope.payload(envelope.read(bytes, "key"), "key").get("id");
        if (id == null || !id.isTextual()) {
            throw new DecodeException("expected the key {\"id\": \"<Extended JSON of _id>\"}; the key has no string 'id', found "
                    + Found.node(id), "id");
        }
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("_id", ExtendedJson.value(parse(id.textValue(), "id"), "_id"));
        return key;
    }

    private Map<String, Object> document(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode document = node.isTextual() ? parse(node.textValue(), field) : node;
        if (!document.isObject()) {
            throw new DecodeException("'" + field + "' should be a document, found " + Found.json(document), field);
        }
        return ExtendedJson.document(document, "");
    }

    private JsonNode parse(String text, String field) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new DecodeException("'" + field + "' is not valid Extended JSON: " + JsonEnvelope.parserFinding(e), field);
        }
    }
}
