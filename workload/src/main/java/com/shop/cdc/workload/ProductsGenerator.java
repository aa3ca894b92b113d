package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes product changes exactly as the Debezium MongoDB connector (capture.mode
 * change_streams_update_full) emits them through Kafka's JsonConverter with schemas enabled:
 * {@code after}/{@code before} as Extended JSON v1 strict strings, {@code updateDescription.updatedFields}
 * as v2 relaxed, the key as {@code {"id": "{\"$oid\": \"…\"}"}}, and a tombstone after each delete.
 * MongoDB itself cannot run here; the stream is seeded so the same seed and clock start replay it exactly.
 */
final class ProductsGenerator {

    static final int CATALOG_SIZE = 5_000;
    private static final String[] CATEGORIES = {"shoes", "bags", "electronics", "books", "garden"};

    private final WorkloadConfig config;
    private final ObjectMapper json;
    private final Random random;
    private final LiveKeys live = new LiveKeys();
    private final boolean[] exists = new boolean[CATALOG_SIZE];
    private final OperationCounts counts = new OperationCounts("products");
    private final long clockStart;
    private long clusterSecond;
    private int ordinal;

    ProductsGenerator(WorkloadConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.random = new Random(config.seed() + 2);
        this.clockStart = config.productsClockStart().orElse(Instant.now().getEpochSecond());
        this.clusterSecond = clockStart;
    }

    long clockStart() {
        return clockStart;
    }

    /** The 24-hex ObjectId of catalog entry {@code n}; order lines refer to products by it. */
    static String objectId(int n) {
        return String.format("65a1b2c3d4e5f6a7%08x", n);
    }

    OperationCounts run() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Pacer pacer = new Pacer(config.rate());
            for (int step = 0; step < config.count(); step++) {
                pacer.await();
                tick();
                int n = random.nextInt(CATALOG_SIZE);
                int dice = random.nextInt(100);
                if (!exists[n]) {
                    send(producer, n, envelope("c", null, document(n, 0)));
                    exists[n] = true;
                    live.add(n);
                    counts.add("create");
                } else if (dice < 85) {
                    int revision = 1 + random.nextInt(1000);
                    ObjectNode after = document(n, revision);
                    ObjectNode update = envelope("u", null, after);
                    update.with("payload").set("updateDescription", updateDescription(after));
                    send(producer, n, update);
                    counts.add("update");
                } else {
                    send(producer, n, envelope("d", document(n, 0), null));
                    producer.send(new ProducerRecord<>(config.productsTopic(), key(n), null));
                    exists[n] = false;
                    live.remove(n);
                    counts.add("delete");
                }
            }
            producer.flush();
        }
        return counts;
    }

    /** MongoDB orders changes by cluster time (seconds) and an ordinal within the second. */
    private void tick() {
        if (++ordinal > 200) {
            clusterSecond++;
            ordinal = 1;
        }
    }

    /** The document as MongoDB stores it, written as Extended JSON v1 strict (what Debezium puts in after/before). */
    private ObjectNode document(int n, int revision) {
        ObjectNode doc = json.createObjectNode();
        doc.putObject("_id").put("$oid", objectId(n));
        doc.put("sku", "SKU-" + n);
        doc.put("name", n % 97 == 0 ? "Çhaussure 한국어 🎉 " + n : "Product " + n + " r" + revision);
        doc.put("description", "A fine product number " + n + (n % 50 == 0 ? " — " + "long text ".repeat(200) : ""));
        doc.put("category", CATEGORIES[n % CATEGORIES.length]);
        BigDecimal price = n % 211 == 0 ? new BigDecimal("99999999.99") : BigDecimal.valueOf(100 + (long) n * 7 + revision, 2);
        doc.putObject("price").put("$numberDecimal", price.toPlainString());
        doc.putObject("stock").put("$numberLong", Long.toString(random.nextInt(10_000)));
        doc.put("rating", revision % 5 + 0.5);
        doc.putObject("created_at").put("$date", 1_700_000_000_000L + n * 1000L);
        ArrayNode tags = doc.putArray("tags");
        tags.add(CATEGORIES[n % CATEGORIES.length]);
        if (n % 3 == 0) {
            tags.addNull();
        }
        doc.putObject("attributes").put("color", n % 2 == 0 ? "red" : "blue").put("weight_g", n % 900);
        return doc;
    }

    /** updatedFields is serialised by BsonDocument.toJson(): Extended JSON v2 relaxed. */
    private ObjectNode updateDescription(ObjectNode after) throws Exception {
        ObjectNode updated = json.createObjectNode();
        updated.put("name", after.get("name").asText());
        updated.set("price", after.get("price"));
        updated.put("stock", Long.parseLong(after.get("stock").get("$numberLong").asText()));
        ObjectNode description = json.createObjectNode();
        description.putNull("removedFields");
        description.put("updatedFields", json.writeValueAsString(updated));
        description.putNull("truncatedArrays");
        return description;
    }

    private ObjectNode envelope(String op, ObjectNode before, ObjectNode after) throws Exception {
        ObjectNode source = json.createObjectNode()
                .put("version", "3.5.0.Final")
                .put("connector", "mongodb")
                .put("name", "shop")
                .put("ts_ms", clusterSecond * 1000)
                .put("snapshot", "false")
                .put("db", "catalog")
                .putNull("sequence")
                .put("ts_us", clusterSecond * 1_000_000)
                .put("ts_ns", clusterSecond * 1_000_000_000)
                .put("collection", "products")
                .put("ord", ordinal)
                .putNull("lsid")
                .putNull("txnNumber")
                .put("wallTime", clusterSecond * 1000);
        long now = System.currentTimeMillis();
        ObjectNode payload = json.createObjectNode();
        payload.put("before", before == null ? null : json.writeValueAsString(before));
        payload.put("after", after == null ? null : json.writeValueAsString(after));
        payload.putNull("updateDescription");
        payload.set("source", source);
        payload.put("op", op);
        payload.put("ts_ms", now);
        payload.put("ts_us", now * 1000);
        payload.put("ts_ns", now * 1_000_000);
        payload.putNull("transaction");
        ObjectNode value = json.createObjectNode();
        value.set("schema", MongoEnvelopeSchema.value(json, config.productsTopic()));
        value.set("payload", payload);
        return value;
    }

    private byte[] key(int n) throws Exception {
        ObjectNode key = json.createObjectNode();
        key.set("schema", MongoEnvelopeSchema.key(json, config.productsTopic()));
        key.putObject("payload").put("id", "{\"$oid\": \"" + objectId(n) + "\"}");
        return json.writeValueAsBytes(key);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, int n, ObjectNode value) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(config.productsTopic(), key(n), json.writeValueAsBytes(value));
        record.headers().add("__debezium.context.connectorLogicalName", "shop".getBytes(StandardCharsets.UTF_8));
        record.headers().add("__debezium.context.taskId", "0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("__debezium.context.connectorName", "mongodb".getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props);
    }
}
