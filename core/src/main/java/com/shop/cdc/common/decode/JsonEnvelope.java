package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading what Kafka's JsonConverter wrote: with {@code schemas.enable=true} a
 * {@code {schema, payload}} wrapper, without it the bare payload.
 */
final class JsonEnvelope {

    private final ObjectMapper json;
    private final boolean schemas;
    private final LogicalValues values;
    private final RowDecoder configuredRows;

    JsonEnvelope(ObjectMapper json, boolean schemas, Map<String, LogicalType> configuredTypes) {
        this.json = json;
        this.schemas = schemas;
        this.values = new LogicalValues(json);
        this.configuredRows = new ConfiguredRowDecoder(configuredTypes, values);
    }

    JsonNode read(byte[] bytes, String what) {
        KnownSchema known = schemas ? (what.equals("key") ? keySchema : valueSchema) : null;
        JsonNode reused = known == null ? null : known.reuse(bytes, json);
        if (reused != null) {
            return reused;
        }
        try {
            JsonNode root = json.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new DecodeException("the " + what + " is empty");
            }
            if (schemas) {
                remember(bytes, root, what);
            }
            return root;
        } catch (IOException e) {
            throw new DecodeException("expected the " + what + " as JSON, which JsonConverter writes; the " + what
                    + " is not valid JSON: " + parserFinding(e));
        }
    }

    /**
     * The schema JsonConverter writes is the same for every record of a table version and is most
     * of the bytes. When a record starts with exactly the schema bytes seen last, only its payload
     * is parsed and the parsed schema is reused; any other record takes the full parse.
     */
    private record KnownSchema(byte[] bytes, JsonNode schema) {

        JsonNode reuse(byte[] record, ObjectMapper json) {
            int payloadStart = payloadStart(record);
            if (payloadStart < 0) {
                return null;
            }
            try {
                ObjectNode root = json.createObjectNode();
                root.set("schema", schema);
                root.set("payload", json.readTree(record, payloadStart, record.length - 1 - payloadStart));
                return root;
            } catch (IOException e) {
                return null; // the full parse reports it
            }
        }

        /** Where the payload starts when the record carries exactly this schema, otherwise -1. */
        int payloadStart(byte[] record) {
            int schemaEnd = SCHEMA_PREFIX.length + bytes.length;
            int payloadStart = schemaEnd + PAYLOAD_PREFIX.length;
            return record.length > payloadStart && record[record.length - 1] == '}'
                    && Arrays.equals(record, 0, SCHEMA_PREFIX.length, SCHEMA_PREFIX, 0, SCHEMA_PREFIX.length)
                    && Arrays.equals(record, SCHEMA_PREFIX.length, schemaEnd, bytes, 0, bytes.length)
                    && Arrays.equals(record, schemaEnd, payloadStart, PAYLOAD_PREFIX, 0, PAYLOAD_PREFIX.length)
                    ? payloadStart : -1;
        }
    }

    /**
     * A change's payload: its blocks other than the row images as a tree, the images decoded, and the
     * defaults their schema declares (empty without schemas).
     */
    record Payload(JsonNode blocks, Map<String, Object> before, Map<String, Object> after, Map<String, Object> defaults) {
    }

    /**
     * A value's payload with its {@code before} and {@code after} images decoded. With the schema
     * seen last the payload is streamed and the images never become trees, the larger part of
     * decoding; any record the stream does not take cleanly — another schema, invalid JSON, a value
     * that does not decode — takes the full parse, which decides and words the outcome.
     */
    Payload payloadWithImages(byte[] value) {
        KnownSchema known = schemas ? valueSchema : null;
        int payloadStart = known == null ? -1 : known.payloadStart(value);
        if (payloadStart >= 0) {
            Payload streamed = streamed(value, payloadStart, known.schema());
            if (streamed != null) {
                return streamed;
            }
        }
        JsonNode root = read(value, "value");
        JsonNode payload = payload(root, "value");
        if (!payload.isObject()) {
            throw new DecodeException("the envelope should be an object, found " + Found.node(payload));
        }
        return new Payload(payload, rows(root, "before").decode(payload.get("before")),
                rows(root, "after").decode(payload.get("after")), schemas ? imageDefaults(root.get("schema")) : Map.of());
    }

    private Payload streamed(byte[] value, int payloadStart, JsonNode schema) {
        try (JsonParser parser = json.getFactory().createParser(value, payloadStart, value.length - 1 - payloadStart)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode blocks = json.createObjectNode();
            Map<String, Object> before = null;
            Map<String, Object> after = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "before" -> before = rowsOf(schema, "before").decode(parser, json);
                    case "after" -> after = rowsOf(schema, "after").decode(parser, json);
                    case "source" -> blocks.set(name, fieldsAt(parser, json, SourceBlock.FIELDS_READ));
                    case "op", "transaction", "ddl" -> blocks.set(name, treeAt(parser, json));
                    default -> parser.skipChildren(); // the envelope's own times: nothing reads them
                }
            }
            return parser.nextToken() == null ? new Payload(blocks, before, after, imageDefaults(schema)) : null;
        } catch (IOException | DecodeException e) {
            return null;
        }
    }

    /** {@link #treeAt}, an object with only the named fields. */
    private static JsonNode fieldsAt(JsonParser parser, ObjectMapper json, Set<String> names) throws IOException {
        return parser.currentToken() == JsonToken.START_OBJECT ? objectAt(parser, json, names) : treeAt(parser, json);
    }

    /** The object whose start is the parser's current token, with every field or, given names, only those. */
    private static ObjectNode objectAt(JsonParser parser, ObjectMapper json, Set<String> names) throws IOException {
        ObjectNode object = json.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (names == null || names.contains(name)) {
                object.set(name, treeAt(parser, json));
            } else {
                parser.skipChildren();
            }
        }
        return object;
    }

    /**
     * The tree of the value at the parser's current token, as {@code readTree} builds it, which
     * costs a deserialization context a call: objects and the common scalars are built here,
     * anything else (arrays, fractions, integers past 64 bits) read by Jackson.
     */
    static JsonNode treeAt(JsonParser parser, ObjectMapper json) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> objectAt(parser, json, null);
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NULL -> NullNode.getInstance();
            case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? json.readTree(parser) : LongNode.valueOf(parser.getLongValue());
            default -> json.readTree(parser);
        };
    }

    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_PREFIX = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    private volatile KnownSchema keySchema;
    private volatile KnownSchema valueSchema;

    private void remember(byte[] record, JsonNode root, String what) throws IOException {
        if (!root.has("schema") || record.length < SCHEMA_PREFIX.length
                || !Arrays.equals(record, 0, SCHEMA_PREFIX.length, SCHEMA_PREFIX, 0, SCHEMA_PREFIX.length)) {
            return;
        }
        try (JsonParser parser = json.getFactory().createParser(record)) {
            parser.nextToken(); // {
            parser.nextToken(); // "schema"
            parser.nextToken(); // the schema's first token
            parser.skipChildren();
            int schemaEnd = (int) parser.currentLocation().getByteOffset();
            KnownSchema known = new KnownSchema(Arrays.copyOfRange(record, SCHEMA_PREFIX.length, schemaEnd), root.get("schema"));
            if (what.equals("key")) {
                keySchema = known;
            } else {
                valueSchema = known;
            }
        }
    }

    /** The payload of a converter-written value: unwrapped when schemas are on. */
    JsonNode payload(JsonNode root, String what) {
        if (!schemas) {
            return root;
        }
        if (!root.isObject() || !root.has("payload") || !root.has("schema")) {
            throw new DecodeException("expected the " + what + " in a JsonConverter envelope {schema, payload}, as this "
                    + "topic's schemas=true says; found " + Found.node(root) + "; if the connector's converter runs with "
                    + "schemas.enable=false, set schemas=false for this topic", null, "schemas");
        }
        return root.get("payload");
    }

    /**
     * The defaults of the row schema. Both images' plans are asked, so that an invalid schema is
     * rejected also where an image is null or absent: the schema is checked whatever the values.
     */
    private Map<String, Object> imageDefaults(JsonNode schema) {
        rowsOf(schema, "before").defaults();
        return rowsOf(schema, "after").defaults();
    }

    /** The decoder for a struct field of the payload ({@code before}, {@code after}) or, for null, of the key. */
    RowDecoder rows(JsonNode root, String field) {
        return schemas ? rowsOf(root.get("schema"), field) : configuredRows;
    }

    private RowDecoder rowsOf(JsonNode schema, String field) {
        boolean key = field == null;
        if (schema == null || !schema.isObject()) {
            throw new DecodeException("expected the " + (key ? "key" : "value") + "'s schema to be a Connect struct, as "
                    + "JsonConverter with schemas.enable=true writes it; found " + Found.node(schema)
                    + "; if the connector's converter runs without schemas, set schemas=false for this topic", null, "schemas");
        }
        RowPlans plans = key ? keyRows : valueRows;
        if (plans == null || plans.schema() != schema) {
            plans = new RowPlans(schema, new ConcurrentHashMap<>());
            if (key) {
                keyRows = plans;
            } else {
                valueRows = plans;
            }
        }
        RowDecoder planned = plans.byField().get(key ? "" : field); // before computeIfAbsent, whose lambda is an allocation a record
        return planned != null ? planned : plans.byField().computeIfAbsent(key ? "" : field, name -> planned(schema, field));
    }

    /**
     * The row decoders of the schema seen last (a {@link KnownSchema} is the same node record after
     * record), kept so that the schema is read once per table version, not once per record.
     */
    private record RowPlans(JsonNode schema, Map<String, RowDecoder> byField) {
    }

    private volatile RowPlans keyRows;
    private volatile RowPlans valueRows;

    private RowDecoder planned(JsonNode schema, String field) {
        if (field == null) {
            return new SchemaRowDecoder(schema, "key", values);
        }
        for (JsonNode fieldSchema : schema.path("fields")) {
            if (field.equals(fieldSchema.path("field").asText())) {
                return new SchemaRowDecoder(fieldSchema, field, values);
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

    /**
     * The parser's finding about the bytes and where, without its exception wording around it
     * (source excerpts, the Java API of its limits).
     */
    static String parserFinding(IOException e) {
        if (e instanceof JsonProcessingException parse) {
            String finding = firstLine(parse.getOriginalMessage()).replaceAll(", from `[^`]*`", "")
                    .replaceAll(" \\(start marker at \\[Source:.*$", "");
            JsonLocation at = parse.getLocation();
            return at == null ? finding : finding + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return "the bytes could not be read";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
