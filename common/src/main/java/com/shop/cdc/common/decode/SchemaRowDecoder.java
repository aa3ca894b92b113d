package com.shop.cdc.common.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes a row with the Connect schema that travels with it ({@code schemas.enable=true}):
 * semantic types come from the field schemas' names and parameters, fields are mapped by name.
 * The schema is read once into a plan of fields; rows are decoded against the plan.
 */
final class SchemaRowDecoder implements RowDecoder {

    /**
     * One field of a struct (or an array's elements): its Connect type, its logical type — or why
     * the schema gives none, reported only when a value arrives — and the plans of its parts.
     */
    private record Field(String name, String path, String type, LogicalType logical, DecodeException invalid,
                         Field items, List<Field> fields) {

        static Field of(JsonNode schema, String name, String path) {
            String type = schema.path("type").asText();
            LogicalType logical = null;
            DecodeException invalid = null;
            try {
                logical = logicalType(schema, path);
            } catch (DecodeException e) {
                invalid = e;
            }
            Field items = type.equals("array") ? of(schema.path("items"), null, path + "[]") : null;
            List<Field> fields = type.equals("struct") ? fields(schema, path + ".") : List.of();
            return new Field(name, path, type, logical, invalid, items, fields);
        }

        static List<Field> fields(JsonNode structSchema, String prefix) {
            List<Field> fields = new ArrayList<>();
            for (JsonNode fieldSchema : structSchema.path("fields")) {
                String name = fieldSchema.path("field").asText();
                fields.add(of(fieldSchema, name, prefix + name));
            }
            return List.copyOf(fields);
        }

        LogicalType logicalOrThrow() {
            if (invalid != null) {
                throw invalid;
            }
            return logical;
        }
    }

    private final List<Field> fields;
    private final Map<String, Integer> positions = new HashMap<>();
    private final LogicalValues values;

    SchemaRowDecoder(JsonNode structSchema, LogicalValues values) {
        this.fields = Field.fields(structSchema, "");
        this.values = values;
        for (int i = 0; i < fields.size(); i++) {
            positions.put(fields.get(i).name(), i);
        }
    }

    @Override
    public Map<String, Object> decode(JsonNode row) {
        return row == null || row.isNull() ? null : struct(fields, row, "");
    }

    /**
     * Streams the row's fields instead of building its tree first: only a nested value becomes a
     * tree. Values are checked and converted as {@link #decode(JsonNode)} does, and fields are
     * read by name, the last of a repeated name winning, as in a tree.
     */
    @Override
    public Map<String, Object> decode(JsonParser parser, ObjectMapper json) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return RowDecoder.super.decode(parser, json);
        }
        Object[] decoded = new Object[fields.size()];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer position = positions.get(parser.currentName());
            parser.nextToken();
            if (position == null) {
                parser.skipChildren();
            } else {
                decoded[position] = value(fields.get(position), JsonEnvelope.treeAt(parser, json));
            }
        }
        Map<String, Object> row = new LinkedHashMap<>(fields.size() * 4 / 3 + 1);
        for (int i = 0; i < decoded.length; i++) {
            row.put(fields.get(i).name(), decoded[i]);
        }
        return Collections.unmodifiableMap(row);
    }

    private Map<String, Object> struct(List<Field> fields, JsonNode row, String path) {
        if (!row.isObject()) {
            throw new DecodeException("'" + path + "' should be an object, found " + row.getNodeType(), path);
        }
        Map<String, Object> decoded = new LinkedHashMap<>(fields.size() * 4 / 3 + 1);
        for (Field field : fields) {
            decoded.put(field.name(), value(field, row.get(field.name())));
        }
        return Collections.unmodifiableMap(decoded);
    }

    private Object value(Field field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!fitsSchemaType(field.type(), node)) {
            throw new DecodeException("field '" + field.path() + "' should be " + field.type() + " as its schema says, found "
                    + Found.node(node), field.path());
        }
        if (field.items() != null) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(value(field.items(), element));
            }
            return list;
        }
        if (field.type().equals("map")) {
            return LogicalValues.nativeValue(node);
        }
        LogicalType logical = field.logicalOrThrow();
        if (field.type().equals("struct") && logical.kind() == LogicalType.Kind.NATIVE) {
            return struct(field.fields(), node, field.path());
        }
        return values.convert(node, logical, field.path());
    }

    /**
     * A value must arrive as the JSON kind its Connect type is written as: the schema is the
     * contract, never guessed past. Logical types check their own encodings when they convert.
     */
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private static boolean fitsSchemaType(String type, JsonNode node) {
        return switch (type) {
            case "int8", "int16", "int32", "int64" -> node.isIntegralNumber();
            // Jackson writes NaN and the infinities of a float column as strings.
            case "float32", "float64" -> node.isNumber() || NON_FINITE.contains(node.asText());
            case "boolean" -> node.isBoolean();
            case "array" -> node.isArray();
            case "map", "struct" -> node.isObject();
            default -> true;
        };
    }

    static LogicalType logicalType(JsonNode fieldSchema, String field) {
        String name = fieldSchema.path("name").asText("");
        return switch (name) {
            case "org.apache.kafka.connect.data.Decimal" -> decimal(fieldSchema, field);
            case "io.debezium.data.VariableScaleDecimal" -> LogicalType.of(LogicalType.Kind.VARIABLE_SCALE_DECIMAL);
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> LogicalType.of(LogicalType.Kind.DATE);
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" ->
                    LogicalType.of(LogicalType.Kind.TIMESTAMP);
            case "io.debezium.time.MicroTimestamp" -> LogicalType.of(LogicalType.Kind.MICRO_TIMESTAMP);
            case "io.debezium.time.NanoTimestamp" -> LogicalType.of(LogicalType.Kind.NANO_TIMESTAMP);
            case "io.debezium.time.ZonedTimestamp" -> LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP);
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> LogicalType.of(LogicalType.Kind.TIME);
            case "io.debezium.time.MicroTime" -> LogicalType.of(LogicalType.Kind.MICRO_TIME);
            case "io.debezium.time.NanoTime" -> LogicalType.of(LogicalType.Kind.NANO_TIME);
            case "io.debezium.data.Json" -> LogicalType.of(LogicalType.Kind.JSON);
            default -> fieldSchema.path("type").asText().equals("bytes")
                    ? LogicalType.of(LogicalType.Kind.BYTES) : LogicalType.NATIVE;
        };
    }

    /** The scale parameter is a string in Connect's JSON schema. */
    private static LogicalType decimal(JsonNode fieldSchema, String field) {
        JsonNode scale = fieldSchema.path("parameters").path("scale");
        if (!scale.isTextual() && !scale.isIntegralNumber()) {
            throw new DecodeException("decimal field '" + field + "' has no scale in its schema", field);
        }
        try {
            return LogicalType.decimal(Integer.parseInt(scale.asText()));
        } catch (NumberFormatException e) {
            throw new DecodeException("decimal field '" + field + "' has scale '" + scale.asText() + "'", field);
        }
    }
}
