package com.shop.cdc.common.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Connect schema an Avro writer schema stands for, written as Kafka's JsonConverter writes
 * schemas: the Avro converters keep Connect's names, parameters and narrow integer types in the
 * {@code connect.*} properties, so what Debezium declared (Decimal and its scale, the io.debezium
 * time types, Json, defaults) comes back intact. A schema without those properties (written by
 * another producer) maps by Avro's own logical types.
 */
final class ConnectSchemas {

    private static final String CONNECT_NAME = "connect.name";
    private static final String CONNECT_TYPE = "connect.type";
    private static final String CONNECT_PARAMETERS = "connect.parameters";

    private final ObjectMapper json;

    ConnectSchemas(ObjectMapper json) {
        this.json = json;
    }

    /** The schema as JSON bytes, to stand where JsonConverter writes {@code "schema":}. */
    byte[] write(Schema avro) {
        ObjectNode connect = of(avro, new ArrayList<>());
        try {
            return json.writeValueAsBytes(connect);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode of(Schema avro, List<Schema> path) {
        if (avro.getType() == Schema.Type.UNION) {
            Schema only = nonNullBranch(avro);
            ObjectNode optional = of(only, path);
            optional.put("optional", true);
            return optional;
        }
        ObjectNode connect = json.createObjectNode();
        connect.put("type", type(avro));
        connect.put("optional", false);
        switch (avro.getType()) {
            case RECORD -> connect.set("fields", fields(avro, path));
            case ARRAY -> connect.set("items", of(avro.getElementType(), path));
            case MAP -> {
                connect.set("keys", json.createObjectNode().put("type", "string").put("optional", false));
                connect.set("values", of(avro.getValueType(), path));
            }
            default -> { }
        }
        String name = name(avro);
        if (name != null) {
            connect.put("name", name);
        }
        Object parameters = avro.getObjectProp(CONNECT_PARAMETERS);
        if (parameters instanceof Map<?, ?> declared) {
            connect.set("parameters", json.valueToTree(declared));
        } else if (avro.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            connect.set("parameters", json.createObjectNode().put("scale", Integer.toString(decimal.getScale())));
        }
        return connect;
    }

    private com.fasterxml.jackson.databind.node.ArrayNode fields(Schema record, List<Schema> path) {
        if (path.contains(record)) {
            throw new DecodeException("the Avro schema " + record.getFullName() + " contains itself; a Connect struct "
                    + "cannot, so no Debezium converter writes it", null, "converter");
        }
        path.add(record);
        var fields = json.createArrayNode();
        for (Schema.Field field : record.getFields()) {
            ObjectNode connect = of(field.schema(), path);
            connect.put("field", field.name());
            Object declared = field.hasDefaultValue() ? field.defaultVal() : null;
            if (declared != null && declared != JsonProperties.NULL_VALUE) {
                connect.set("default", defaultValue(field, declared));
            }
            fields.add(connect);
        }
        path.remove(path.size() - 1);
        return fields;
    }

    /** A union's default is of its first branch; it is written as the payload would carry the value. */
    private com.fasterxml.jackson.databind.JsonNode defaultValue(Schema.Field field, Object value) {
        Schema schema = field.schema().getType() == Schema.Type.UNION ? field.schema().getTypes().get(0) : field.schema();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
            ConnectJsonWriter.write(out, schema, value);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("field '" + field.name() + "' declares the default " + field.defaultVal()
                    + ", which does not fit its Avro type " + schema.getType().getName(), field.name(), "converter");
        }
        try {
            return json.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connect's optional field is Avro's union with null; any other union has no Connect counterpart. */
    static Schema nonNullBranch(Schema union) {
        List<Schema> branches = union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw new DecodeException("the Avro union " + union + " has " + branches.size() + " branches besides null; "
                    + "Debezium's Avro converters write a union only for an optional field (null and one type)", null,
                    "converter");
        }
        return branches.get(0);
    }

    private static String type(Schema avro) {
        return switch (avro.getType()) {
            case RECORD -> "struct";
            case ENUM, STRING -> "string";
            case BYTES, FIXED -> "bytes";
            case INT -> {
                String narrow = avro.getProp(CONNECT_TYPE);
                yield "int8".equals(narrow) || "int16".equals(narrow) ? narrow : "int32";
            }
            case LONG -> "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case MAP -> "map";
            case NULL, UNION -> throw new DecodeException("the Avro type " + avro.getType().getName() + " stands alone "
                    + "where Connect expects a value type", null, "converter");
        };
    }

    /** The Connect name the converter kept, else the one Avro's logical type implies, else the record's. */
    private static String name(Schema avro) {
        String kept = avro.getProp(CONNECT_NAME);
        if (kept != null) {
            return kept;
        }
        LogicalType logical = avro.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal) {
            return "org.apache.kafka.connect.data.Decimal";
        }
        if (logical instanceof LogicalTypes.Date) {
            return "org.apache.kafka.connect.data.Date";
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return "org.apache.kafka.connect.data.Time";
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return "org.apache.kafka.connect.data.Timestamp";
        }
        return avro.getType() == Schema.Type.RECORD ? avro.getFullName() : null;
    }
}
