package com.shop.cdc.common.decode;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Turns captured JSON records into the records Debezium writes through an Avro converter: the JSON is
 * read back to Connect data by Kafka's JsonConverter, mapped to Avro by the Apicurio converter's own
 * AvroData, and framed as the converter frames it, with ids from an in-memory registry or, given one,
 * from the registration of each schema in a real registry.
 */
public final class AvroRecords implements AvroSchemas {

    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();
    private final ToIntFunction<Schema> registration;
    private final JsonConverter keys = converter(true);
    private final JsonConverter values = converter(false);
    private final AvroData avro = new AvroData(new AvroDataConfig(Map.of()));

    /** Ids handed out here, 1, 2, …: the registry is this object. */
    public AvroRecords() {
        this.registration = schema -> ids.size() + 1;
    }

    /** @param registration registers a schema in a real registry and answers its id */
    public AvroRecords(ToIntFunction<Schema> registration) {
        this.registration = registration;
    }

    private static JsonConverter converter(boolean key) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "BASE64"), key);
        return converter;
    }

    public RawRecord toAvro(RawRecord json) {
        String topic = json.origin().topic();
        return new RawRecord(json.origin(), frame(keys.toConnectData(topic, json.key())),
                frame(values.toConnectData(topic, json.value())), json.headers());
    }

    /** The Confluent wire format: a zero byte, the schema id, the Avro body. */
    byte[] frame(SchemaAndValue connect) {
        if (connect.value() == null) {
            return null;
        }
        Schema schema = avro.fromConnectSchema(connect.schema());
        Object datum = avro.fromConnectData(connect.schema(), connect.value());
        if (datum instanceof io.apicurio.registry.serde.avro.NonRecordContainer container) {
            datum = container.getValue();
        }
        return frame(register(schema), schema, datum);
    }

    static byte[] frame(int id, Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    int register(Schema schema) {
        return ids.computeIfAbsent(schema, known -> {
            int id = registration.applyAsInt(known);
            byId.put(id, known);
            return id;
        });
    }

    @Override
    public Schema byId(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new IllegalArgumentException("schema id " + id + " is not registered in " + source());
        }
        return schema;
    }

    @Override
    public String source() {
        return "the test's registry";
    }
}
