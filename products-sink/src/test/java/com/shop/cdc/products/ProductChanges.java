package com.shop.cdc.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.testing.ChangeFeed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Products changes in the envelope of Debezium's MongoDB connector (JsonConverter with schemas),
 * made from the create of src/test/resources: each with an ObjectId of the test's own and a
 * position (cluster second, ordinal) later than the one before, so a create, an update and a
 * delete of one document apply in that order.
 */
final class ProductChanges {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOPIC = "shop.catalog.products";

    private static final JsonNode TEMPLATE = load();
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final AtomicLong ORDINALS = new AtomicLong();
    private static final long SECOND = System.currentTimeMillis() / 1000;

    private ProductChanges() {
    }

    /** A record: key and value (null for a tombstone) as JSON, and Debezium's headers. */
    record Change(JsonNode key, JsonNode value, Map<String, String> headers) implements ChangeFeed.Fed {

        @Override
        public String topic() {
            return TOPIC;
        }

        @Override
        public byte[] keyBytes() {
            return bytes(key);
        }

        @Override
        public byte[] valueBytes() {
            return value == null ? null : bytes(value);
        }
    }

    /** An ObjectId no other run uses. */
    static String freshId() {
        return "%024x".formatted(IDS.incrementAndGet());
    }

    /** The create of product {@code id}, the template's document edited by {@code edit}. */
    static Change create(String id, Consumer<ObjectNode> edit) {
        return change(id, "c", null, document(id, edit));
    }

    static Change create(String id) {
        return create(id, doc -> { });
    }

    /**
     * An update as {@code capture.mode=change_streams_update_full} writes it: the whole document after
     * the update, and {@code updatedFields} in Extended JSON v2 relaxed.
     */
    static Change update(String id, Consumer<ObjectNode> edit, String updatedFields) {
        ObjectNode value = change(id, "u", null, document(id, edit)).value().deepCopy();
        ObjectNode description = ((ObjectNode) value.get("payload")).putObject("updateDescription");
        description.putNull("removedFields");
        description.put("updatedFields", updatedFields);
        description.putNull("truncatedArrays");
        return new Change(key(id), value, headers());
    }

    /** The delete of product {@code id}: the document it removed as {@code before}. */
    static Change delete(String id) {
        return change(id, "d", document(id, doc -> { }), null);
    }

    static Change tombstone(String id) {
        return new Change(key(id), null, headers());
    }

    /** The delete example of Debezium's MongoDB documentation (collection inventory.customers), with an _id of its own. */
    static Change customersDelete(long customerId) {
        ObjectNode value = change("", "d", null, null).value().deepCopy();
        ObjectNode payload = (ObjectNode) value.get("payload");
        payload.put("before", "{\"_id\": {\"$numberLong\": \"" + customerId + "\"},\"first_name\": \"Anne Marie\","
                + "\"last_name\": \"Kretchmar\",\"email\": \"annek@noanswer.org\"}");
        ((ObjectNode) payload.get("source")).put("db", "inventory").put("collection", "customers");
        ObjectNode key = TEMPLATE.get("key").deepCopy();
        ((ObjectNode) key.get("payload")).put("id", Long.toString(customerId));
        return new Change(key, value, headers());
    }

    private static Change change(String id, String op, ObjectNode before, ObjectNode after) {
        ObjectNode value = TEMPLATE.get("value").deepCopy();
        ObjectNode payload = (ObjectNode) value.get("payload");
        payload.put("op", op);
        payload.put("before", before == null ? null : before.toString());
        payload.put("after", after == null ? null : after.toString());
        long ordinal = ORDINALS.incrementAndGet();
        ((ObjectNode) payload.get("source")).put("ts_ms", SECOND * 1000).put("ts_us", SECOND * 1_000_000)
                .put("ts_ns", SECOND * 1_000_000_000).put("ord", ordinal).put("wallTime", SECOND * 1000);
        return new Change(key(id), value, headers());
    }

    /** The template's document (Extended JSON v1 strict) with {@code _id} set and {@code edit} applied. */
    private static ObjectNode document(String id, Consumer<ObjectNode> edit) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(TEMPLATE.get("value").get("payload").get("after").asText());
            document.putObject("_id").put("$oid", id);
            edit.accept(document);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode key(String id) {
        ObjectNode key = TEMPLATE.get("key").deepCopy();
        ((ObjectNode) key.get("payload")).put("id", "{\"$oid\": \"" + id + "\"}");
        return key;
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        TEMPLATE.get("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        return headers;
    }

    static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode load() {
        try (InputStream in = ProductChanges.class.getResourceAsStream("/mongodb-products-create.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
