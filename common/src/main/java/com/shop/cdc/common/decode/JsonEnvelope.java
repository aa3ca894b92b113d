package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * Reading what Kafka's JsonConverter wrote: with {@code schemas.enable=true} a
 * {@code {schema, payload}} wrapper, without it the bare payload.
 */
final class JsonEnvelope {

    private final ObjectMapper json;
    private final boolean schemas;
    private final LogicalValues values;
    private final Map<String, LogicalType> configuredTypes;

    JsonEnvelope(ObjectMapper json, boolean schemas, Map<String, LogicalType> configuredTypes) {
        this.json = json;
        this.schemas = schemas;
        this.values = new LogicalValues(json);
        this.configuredTypes = Map.copyOf(configuredTypes);
    }

    JsonNode read(byte[] bytes, String what) {
        try {
            JsonNode root = json.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new DecodeException("the " + what + " is empty");
            }
            return root;
        } catch (IOException e) {
            throw new DecodeException("the " + what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The payload of a converter-written value: unwrapped when schemas are on. */
    JsonNode payload(JsonNode root, String what) {
        if (!schemas) {
            return root;
        }
        if (!root.isObject() || !root.has("payload") || !root.has("schema")) {
            throw new DecodeException("the " + what + " has no {schema, payload} wrapper although schemas are enabled");
        }
        return root.get("payload");
    }

    /** The decoder for a struct field of the payload ({@code before}, {@code after}) or of the key. */
    RowDecoder rows(JsonNode root, String field) {
        if (!schemas) {
            return new ConfiguredRowDecoder(configuredTypes, values);
        }
        JsonNode schema = root.get("schema");
        if (field == null) {
            return new SchemaRowDecoder(schema, values);
        }
        for (JsonNode fieldSchema : schema.path("fields")) {
            if (field.equals(fieldSchema.path("field").asText())) {
                return new SchemaRowDecoder(fieldSchema, values);
            }
        }
        return row -> {
            if (row == null || row.isNull()) {
                return null;
            }
            throw new DecodeException("the value schema has no '" + field + "' field", field);
        };
    }

    LogicalValues values() {
        return values;
    }

    ObjectMapper mapper() {
        return json;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
