package com.shop.cdc.common.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes an Avro value as Kafka's JsonConverter writes the Connect value it stands for: bytes and
 * decimals as base64, NaN and the infinities as strings, optional fields unwrapped from their union.
 * Takes what Avro's generic reader gives and what a field's default is parsed to.
 */
final class ConnectJsonWriter {

    private ConnectJsonWriter() {
    }

    static void write(JsonGenerator out, Schema schema, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION -> write(out, ConnectSchemas.nonNullBranch(schema), value);
            case RECORD -> record(out, schema, value);
            case STRING, ENUM -> out.writeString(value.toString());
            case BYTES -> bytes(out, value);
            case FIXED -> out.writeBinary(value instanceof GenericFixed fixed ? fixed.bytes() : (byte[]) value);
            case INT -> out.writeNumber(((Number) value).intValue());
            case LONG -> out.writeNumber(((Number) value).longValue());
            case FLOAT -> {
                float number = ((Number) value).floatValue();
                if (Float.isFinite(number)) {
                    out.writeNumber(number);
                } else {
                    out.writeString(Float.toString(number));
                }
            }
            case DOUBLE -> {
                double number = ((Number) value).doubleValue();
                if (Double.isFinite(number)) {
                    out.writeNumber(number);
                } else {
                    out.writeString(Double.toString(number));
                }
            }
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case ARRAY -> {
                out.writeStartArray();
                for (Object element : (Collection<?>) value) {
                    write(out, schema.getElementType(), element);
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    write(out, schema.getValueType(), entry.getValue());
                }
                out.writeEndObject();
            }
            case NULL -> out.writeNull();
        }
    }

    /** A record read by Avro is indexed; a record default is parsed to a map by field name. */
    private static void record(JsonGenerator out, Schema schema, Object value) throws IOException {
        out.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
            out.writeFieldName(field.name());
            write(out, field.schema(), value instanceof IndexedRecord record ? record.get(field.pos())
                    : ((Map<?, ?>) value).get(field.name()));
        }
        out.writeEndObject();
    }

    private static void bytes(JsonGenerator out, Object value) throws IOException {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            out.writeBinary(bytes);
        } else {
            out.writeBinary((byte[]) value);
        }
    }
}
