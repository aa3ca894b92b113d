package com.shop.cdc.common.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads a topic written by an Avro converter: each key and value, in the Confluent wire format, is
 * turned into exactly what Kafka's JsonConverter with schemas would have written for the same
 * Connect data, and handed to the topic format's decoder. So Debezium's types are decoded by one
 * piece of code whatever the converter, and a change reads the same from JSON and from Avro.
 */
final class AvroTranscoder implements RecordDecoder {

    static {
        // Avro sizes a string, bytes or array from a length in the record before reading it: a corrupt
        // length would be an allocation of gigabytes. Bounded here, a record claiming more is a dead letter.
        limit("org.apache.avro.limits.string.maxLength", 64 << 20);
        limit("org.apache.avro.limits.bytes.maxLength", 64 << 20);
        limit("org.apache.avro.limits.collectionItems.maxLength", 1 << 20);
    }

    private static final byte MAGIC = 0;
    private static final int HEADER_BYTES = 5;
    private static final byte[] SCHEMA_START = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_START = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    /** What one schema id needs: its reader, and JsonConverter's bytes before the payload. */
    private record Plan(int id, Schema avro, GenericDatumReader<Object> reader, byte[] prefix) {
    }

    private final RecordDecoder formatDecoder;
    private final AvroSchemas schemas;
    private final ObjectMapper json;
    private final ConnectSchemas connectSchemas;
    private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();

    /** @param formatDecoder the topic's format, reading JsonConverter's output with schemas */
    AvroTranscoder(RecordDecoder formatDecoder, AvroSchemas schemas, ObjectMapper json) {
        this.formatDecoder = formatDecoder;
        this.schemas = schemas;
        this.json = json;
        this.connectSchemas = new ConnectSchemas(json);
    }

    @Override
    public Decoded decode(RawRecord record) {
        byte[] key = record.key() == null ? null : transcode(record.key(), "key");
        byte[] value = record.value() == null ? null : transcode(record.value(), "value");
        return formatDecoder.decode(new RawRecord(record.origin(), key, value, record.headers()));
    }

    private byte[] transcode(byte[] framed, String what) {
        if (framed.length < HEADER_BYTES || framed[0] != MAGIC) {
            throw new DecodeException("expected the " + what + " in the Confluent wire format an Avro converter writes "
                    + "(a zero byte, a 4-byte schema id, the Avro body); found " + framing(framed), null, "converter");
        }
        Plan plan = plan(ByteBuffer.wrap(framed, 1, 4).getInt(), what);
        Object datum = read(plan, framed, what);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plan.prefix().length + 2 * framed.length + 16);
        out.writeBytes(plan.prefix());
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            ConnectJsonWriter.write(generator, plan.avro(), datum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('}');
        return out.toByteArray();
    }

    private Plan plan(int id, String what) {
        Plan known = plans.get(id);
        if (known != null) {
            return known;
        }
        Schema avro;
        try {
            avro = schemas.byId(id);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("the " + what + " names " + e.getMessage(), null, "converter");
        }
        byte[] connect = connectSchemas.write(avro);
        byte[] prefix = new byte[SCHEMA_START.length + connect.length + PAYLOAD_START.length];
        System.arraycopy(SCHEMA_START, 0, prefix, 0, SCHEMA_START.length);
        System.arraycopy(connect, 0, prefix, SCHEMA_START.length, connect.length);
        System.arraycopy(PAYLOAD_START, 0, prefix, SCHEMA_START.length + connect.length, PAYLOAD_START.length);
        Plan plan = new Plan(id, avro, new GenericDatumReader<>(avro), prefix);
        plans.put(id, plan);
        return plan;
    }

    private static Object read(Plan plan, byte[] framed, String what) {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(framed, HEADER_BYTES, framed.length - HEADER_BYTES, null);
        try {
            Object datum = plan.reader().read(null, body);
            if (!body.isEnd()) {
                throw new DecodeException("the " + what + " has bytes left after the Avro record of schema id " + plan.id()
                        + " (" + plan.avro().getFullName() + "): it was written with another schema than the one it names",
                        null, "converter");
            }
            return datum;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException e) {
            throw new DecodeException("the " + what + " is not a valid Avro record of schema id " + plan.id() + " ("
                    + plan.avro().getFullName() + "): " + finding(e), null, "converter");
        }
    }

    private static String finding(Exception e) {
        return e instanceof java.io.EOFException ? "it ends before the record does"
                : e.getMessage() == null ? e.getClass().getSimpleName() : JsonEnvelope.firstLine(e.getMessage());
    }

    private static String framing(byte[] framed) {
        if (framed.length == 0) {
            return "no bytes";
        }
        String first = "a first byte of " + (framed[0] & 0xff);
        return framed[0] == '{' || framed[0] == '[' || framed[0] == '"' ? first + " ('" + (char) framed[0]
                + "'), which looks like JSON: if the connector's converter writes JSON, set converter=json"
                : framed.length < HEADER_BYTES ? framed.length + " byte(s), " + first : first;
    }

    private static void limit(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }
}
