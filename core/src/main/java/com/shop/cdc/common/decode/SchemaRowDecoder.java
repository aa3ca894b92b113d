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
 * The schema is read once into a plan of fields, checked as a whole and its declared defaults
 * decoded; rows are decoded against the plan. An invalid schema rejects every record carrying it,
 * whatever its values, so that a null value never lets a bad schema through.
 */
final class SchemaRowDecoder implements RowDecoder {

    /** Connect's schema types, as JsonConverter writes them. */
    private static final Set<String> CONNECT_TYPES = Set.of("int8", "int16", "int32", "int64", "float32", "float64",
            "boolean", "string", "bytes", "array", "map", "struct");

    /** The Connect type each semantic name is written as: a schema saying otherwise contradicts itself. */
    private static final Map<String, String> SEMANTIC_TYPES = Map.ofEntries(
            Map.entry("org.apache.kafka.connect.data.Decimal", "bytes"),
            Map.entry("io.debezium.data.VariableScaleDecimal", "struct"),
            Map.entry("io.debezium.time.Date", "int32"), Map.entry("org.apache.kafka.connect.data.Date", "int32"),
            Map.entry("io.debezium.time.Timestamp", "int64"), Map.entry("org.apache.kafka.connect.data.Timestamp", "int64"),
            Map.entry("io.debezium.time.MicroTimestamp", "int64"), Map.entry("io.debezium.time.NanoTimestamp", "int64"),
            Map.entry("io.debezium.time.ZonedTimestamp", "string"),
            Map.entry("io.debezium.time.Time", "int32"), Map.entry("org.apache.kafka.connect.data.Time", "int32"),
            Map.entry("io.debezium.time.MicroTime", "int64"), Map.entry("io.debezium.time.NanoTime", "int64"),
            Map.entry("io.debezium.data.Json", "string"));

    /**
     * One field of a struct (or an array's elements): its Connect type, its logical type and the
     * plans of its parts; {@code declaredDefault} is the schema's {@code default}, missing or null for none.
     */
    private record Field(String name, String path, String type, LogicalType logical, Field items, List<Field> fields,
                         JsonNode declaredDefault) {

        static Field of(JsonNode schema, String name, String path, List<DecodeException> problems) {
            String type = schema.path("type").asText("");
            LogicalType logical = LogicalType.NATIVE;
            String problem = problem(schema, type, path);
            if (problem != null) {
                problems.add(new DecodeException(problem, path));
            } else {
                try {
                    logical = logicalType(schema, path);
                } catch (DecodeException e) {
                    problems.add(e);
                }
            }
            Field items = type.equals("array") && schema.path("items").isObject()
                    ? of(schema.get("items"), null, path + "[]", problems) : null;
            List<Field> fields = type.equals("struct") ? fields(schema, path + ".", problems) : List.of();
            return new Field(name, path, type, logical, items, fields, schema.path("default"));
        }

        static List<Field> fields(JsonNode structSchema, String prefix, List<DecodeException> problems) {
            List<Field> fields = new ArrayList<>();
            for (JsonNode fieldSchema : structSchema.path("fields")) {
                JsonNode name = fieldSchema.path("field");
                if (!name.isTextual()) {
                    problems.add(new DecodeException("a field of '" + prefix + "' has no name in its schema, found "
                            + Found.json(fieldSchema), prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1)));
                    continue;
                }
                fields.add(of(fieldSchema, name.textValue(), prefix + name.textValue(), problems));
            }
            return List.copyOf(fields);
        }

        /** What makes this field's schema contradict Connect or itself, or null. */
        private static String problem(JsonNode schema, String type, String path) {
            if (!CONNECT_TYPES.contains(type)) {
                return "field '" + path + "' declares Connect type " + Found.json(schema.path("type"))
                        + "; expected one of " + new java.util.TreeSet<>(CONNECT_TYPES);
            }
            if (type.equals("array") && !schema.path("items").isObject()) {
                return "field '" + path + "' is an array whose schema has no 'items' schema";
            }
            String name = schema.path("name").asText("");
            String semanticType = SEMANTIC_TYPES.get(name);
            if (semanticType != null && !semanticType.equals(type)) {
                return "field '" + path + "' declares " + name + ", which is written as Connect type " + semanticType
                        + ", but its schema says " + type;
            }
            return null;
        }
    }

    private final List<Field> fields;
    private final Map<String, Integer> positions = new HashMap<>();
    private final LogicalValues values;
    /** Why no record carrying this schema decodes, or null. */
    private final DecodeException invalid;
    private final Map<String, Object> defaults;

    /** @param image what the schema describes, for reasons: {@code key}, {@code before}, {@code after} */
    SchemaRowDecoder(JsonNode structSchema, String image, LogicalValues values) {
        List<DecodeException> problems = new ArrayList<>();
        if (!structSchema.path("type").asText("").equals("struct")) {
            problems.add(new DecodeException("the schema of '" + image + "' should be a Connect struct, found type "
                    + Found.json(structSchema.path("type")), image));
        }
        this.fields = Field.fields(structSchema, "", problems);
        this.values = values;
        for (int i = 0; i < fields.size(); i++) {
            positions.put(fields.get(i).name(), i);
        }
        this.defaults = problems.isEmpty() ? defaults(problems) : Map.of();
        this.invalid = problems.isEmpty() ? null : invalid(problems);
    }

    /** The top-level fields' declared defaults, decoded exactly as values of their schema. */
    private Map<String, Object> defaults(List<DecodeException> problems) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        for (Field field : fields) {
            if (field.declaredDefault().isMissingNode() || field.declaredDefault().isNull()) {
                continue;
            }
            try {
                decoded.put(field.name(), value(field, field.declaredDefault()));
            } catch (DecodeException e) {
                problems.add(new DecodeException("field '" + field.path() + "' declares the default "
                        + Found.json(field.declaredDefault()) + ", which does not fit its schema: " + e.getMessage(),
                        field.path()));
            }
        }
        return decoded.isEmpty() ? Map.of() : Collections.unmodifiableMap(decoded);
    }

    private static DecodeException invalid(List<DecodeException> problems) {
        List<String> reasons = new ArrayList<>();
        problems.forEach(problem -> reasons.add(problem.getMessage()));
        return new DecodeException(String.join("; ", reasons) + " (the schema is checked whatever the values: every "
                + "record carrying it is rejected until the source's schema is fixed)", problems.get(0).field());
    }

    @Override
    public Map<String, Object> decode(JsonNode row) {
        requireValid();
        return row == null || row.isNull() ? null : struct(fields, row, "");
    }

    @Override
    public Map<String, Object> defaults() {
        requireValid();
        return defaults;
    }

    private void requireValid() {
        if (invalid != null) {
            throw invalid;
        }
    }

    /**
     * Streams the row's fields instead of building its tree first: only a nested value becomes a
     * tree. Values are checked and converted as {@link #decode(JsonNode)} does, and fields are
     * read by name, the last of a repeated name winning, as in a tree.
     */
    @Override
    public Map<String, Object> decode(JsonParser parser, ObjectMapper json) throws IOException {
        requireValid();
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
        if (field.type().equals("struct") && field.logical().kind() == LogicalType.Kind.NATIVE) {
            return struct(field.fields(), node, field.path());
        }
        return values.convert(node, field.logical(), field.path());
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

    /** The scale parameter is a string in Connect's JSON schema; without it a base64 value has no meaning. */
    private static LogicalType decimal(JsonNode fieldSchema, String field) {
        JsonNode scale = fieldSchema.path("parameters").path("scale");
        if (!scale.isTextual() && !scale.isIntegralNumber()) {
            throw new DecodeException("field '" + field + "' declares org.apache.kafka.connect.data.Decimal but has no "
                    + "scale parameter, found " + (scale.isMissingNode() ? "none" : Found.json(scale))
                    + "; its base64 value cannot be read without one", field);
        }
        try {
            return LogicalType.decimal(Integer.parseInt(scale.asText()));
        } catch (NumberFormatException e) {
            throw new DecodeException("field '" + field + "' declares org.apache.kafka.connect.data.Decimal with scale "
                    + Found.quoted(scale.asText()) + "; expected a whole number", field);
        }
    }
}
