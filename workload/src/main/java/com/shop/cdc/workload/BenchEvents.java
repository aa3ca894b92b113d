package com.shop.cdc.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The sink benchmark's stream: change events of {@code shop.public.users} as the Debezium PostgreSQL connector
 * emits them (pgoutput, REPLICA IDENTITY DEFAULT: no before image on update, only the key on delete), or of
 * {@code shop.shop_orders.orders} as the MariaDB connector does (full before and after images), through Kafka's
 * JsonConverter with schemas on; the schemas are those of the captured corpus. The events cycle over
 * {@code bench.keys} keys, a key's first event creates it, {@code bench.delete-percent} of all events are deletes
 * (each followed by a tombstone, and the key's next event creates it again), spread over the events after the
 * first pass over the keys (so {@code bench.count} should be well above {@code bench.keys}), the rest updates. Source positions
 * (LSN, binlog position) grow with every event and {@code source.ts_ms} is the time the event is produced, so a
 * sink's end-to-end latency (source commit to target acknowledgement) is measured from it.
 */
final class BenchEvents {

    private static final String[] COUNTRIES = {"FR", "DE", "US", "KR", "BR", "JP", "CH", "GB"};
    private static final String[] STATUSES = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    private static final String[] CURRENCIES = {"EUR", "USD", "KRW", "CHF", "JPY", "GBP"};
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    /** A binlog file index above the local stack's (its MariaDB log restarts at 1 on every reset). */
    private static final String BINLOG_FILE = "mariadb-bin.001000";
    /** Steps through 1..keys in a scattered order; prime, so coprime with any round number of keys. */
    private static final long STRIDE = 7919;

    private final BenchConfig config;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private final boolean orders;
    private final String topic;
    private final byte[] valuePrefix;
    private final byte[] keyPrefix;
    private final int[] revision;
    private final boolean[] exists;
    private long position;
    private long transaction = 5_000;

    BenchEvents(BenchConfig config, ObjectMapper json, String bootstrapServers) throws IOException {
        this.config = config;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        this.orders = config.domain().equals("orders");
        if (!orders && !config.domain().equals("users")) {
            throw new IllegalArgumentException("bench.domain must be users or orders, not " + config.domain());
        }
        this.topic = config.topicOrDefault();
        var schemas = json.readTree(resource("bench/" + config.domain() + "-schemas.json"));
        this.valuePrefix = ("{\"schema\":" + json.writeValueAsString(schemas.get("value")) + ",\"payload\":")
                .getBytes(StandardCharsets.UTF_8);
        this.keyPrefix = ("{\"schema\":" + json.writeValueAsString(schemas.get("key")) + ",\"payload\":{\"id\":")
                .getBytes(StandardCharsets.UTF_8);
        this.revision = new int[config.keys() + 1];
        this.exists = new boolean[config.keys() + 1];
        this.position = config.positionStart().orElse(orders ? 1_000_000L : 1_000_000_000_000L);
    }

    void run() throws Exception {
        long creates = 0, updates = 0, deletes = 0, tombstones = 0, valueBytes = 0, revisits = 0;
        // The first pass over the keys creates them; the deletes are spread over the later events so that they
        // make deletePercent of all events.
        long later = Math.max(1, (long) config.count() - config.keys());
        double deleteShare = Math.min(100.0, (double) config.deletePercent() * config.count() / later);
        long started = System.nanoTime();
        Pacer pacer = new Pacer(config.rate());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long step = 0; step < config.count(); step++) {
                pacer.await();
                int key = (int) (step * STRIDE % config.keys()) + 1;
                boolean revisit = step >= config.keys();
                revisits += revisit ? 1 : 0;
                String op;
                if (!exists[key]) {
                    op = "c";
                    exists[key] = true;
                    creates++;
                } else if (revisit && deletes * 100 < deleteShare * revisits) {
                    op = "d";
                    exists[key] = false;
                    deletes++;
                } else {
                    op = "u";
                    updates++;
                }
                byte[] value = value(key, op);
                valueBytes += value.length;
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key(key), value);
                record.headers().add("__debezium.context.connectorLogicalName", bytes("shop"));
                record.headers().add("__debezium.context.taskId", bytes("0"));
                record.headers().add("__debezium.context.connectorName", bytes(orders ? "mariadb" : "postgresql"));
                producer.send(record);
                if (op.equals("d")) {
                    producer.send(new ProducerRecord<>(topic, key(key), null));
                    tombstones++;
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long live = 0;
        for (boolean e : exists) {
            live += e ? 1 : 0;
        }
        System.out.printf("bench-fill: topic=%s events=%d creates=%d updates=%d deletes=%d tombstones=%d live=%d "
                        + "value_bytes_avg=%d seconds=%.1f events_per_s=%.0f last_position=%d%n",
                topic, config.count(), creates, updates, deletes, tombstones, live,
                config.count() == 0 ? 0 : valueBytes / config.count(), seconds, config.count() / seconds, position);
    }

    private byte[] value(int key, String op) throws IOException {
        long now = System.currentTimeMillis();
        position += orders ? 517 : 472; // a row change's bytes in the binlog, in the WAL
        transaction++;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1600);
        out.write(valuePrefix);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            int rev = revision[key];
            if (orders) {
                g.writeFieldName("before");
                if (op.equals("c")) {
                    g.writeNull();
                } else {
                    order(g, key, rev, now - 1000);
                }
                if (!op.equals("d")) {
                    rev = ++revision[key];
                }
                g.writeFieldName("after");
                if (op.equals("d")) {
                    g.writeNull();
                } else {
                    order(g, key, rev, now);
                }
            } else {
                g.writeFieldName("before");
                if (op.equals("d")) {
                    deletedUser(g, key);
                } else {
                    g.writeNull();
                }
                g.writeFieldName("after");
                if (op.equals("d")) {
                    g.writeNull();
                } else {
                    user(g, key, ++revision[key], now);
                }
            }
            g.writeFieldName("source");
            source(g, now);
            g.writeNullField("transaction");
            g.writeStringField("op", op);
            g.writeNumberField("ts_ms", now);
            g.writeNumberField("ts_us", now * 1000);
            g.writeNumberField("ts_ns", now * 1_000_000);
            g.writeEndObject();
        }
        out.write('}');
        return out.toByteArray();
    }

    private void source(JsonGenerator g, long now) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", "3.5.0.Final");
        g.writeStringField("connector", orders ? "mariadb" : "postgresql");
        g.writeStringField("name", "shop");
        g.writeNumberField("ts_ms", now);
        g.writeStringField("snapshot", "false");
        g.writeStringField("db", orders ? "shop_orders" : "shop");
        if (orders) {
            g.writeNullField("sequence");
        } else {
            g.writeStringField("sequence", "[\"" + (position - 472) + "\",\"" + position + "\"]");
        }
        g.writeNumberField("ts_us", now * 1000);
        g.writeNumberField("ts_ns", now * 1_000_000);
        if (orders) {
            g.writeStringField("table", "orders");
            g.writeNumberField("server_id", 184054);
            g.writeStringField("gtid", "0-184054-" + transaction);
            g.writeStringField("file", BINLOG_FILE);
            g.writeNumberField("pos", position);
            g.writeNumberField("row", 0);
            g.writeNullField("thread");
            g.writeNullField("query");
        } else {
            g.writeStringField("schema", "public");
            g.writeStringField("table", "users");
            g.writeNumberField("txId", transaction);
            g.writeNumberField("lsn", position);
            g.writeNullField("xmin");
            g.writeNullField("origin");
            g.writeNullField("origin_lsn");
        }
        g.writeEndObject();
    }

    /** A user row as pgoutput decodes it: Decimal as base64 unscaled bytes, Date as days, MicroTimestamp, jsonb text. */
    private void user(JsonGenerator g, int key, int rev, long now) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", key);
        g.writeStringField("email", (key % 7 == 0 ? "User." : "user.") + key + "@Example.com");
        g.writeStringField("full_name", key % 97 == 0 ? "Zoë Ünal-한국 " + key : "Customer Number " + key);
        g.writeStringField("phone", String.format("+33 6 %02d %02d %02d %02d", key / 1_000_000 % 100, key / 10_000 % 100,
                key / 100 % 100, key % 100));
        g.writeStringField("country", COUNTRIES[key % COUNTRIES.length]);
        g.writeBooleanField("marketing_opt_in", (key + rev) % 2 == 0);
        g.writeNumberField("loyalty_points", rev * 10 % 100_000);
        g.writeStringField("balance", decimal(BigDecimal.valueOf(key * 13L + rev, 2)));
        g.writeNumberField("birth_date", 3_000 + key % 15_000);
        g.writeStringField("created_at", "2024-01-15T08:30:00.000000Z");
        g.writeNumberField("updated_at", now * 1000);
        g.writeStringField("preferences", "{\"lang\": \"fr\", \"sizes\": {\"shoe\": 38.5}, \"newsletter\": {\"topics\": "
                + "[\"shoes\", \"bags\"], \"weekly\": " + (rev % 2 == 0) + "}, \"revision\": " + rev + "}");
        g.writeArrayFieldStart("tags");
        g.writeString(key % 3 == 0 ? "vip" : "regular");
        g.writeString("early-adopter");
        g.writeEndArray();
        g.writeEndObject();
    }

    /** What REPLICA IDENTITY DEFAULT leaves of a deleted row: the key, defaults elsewhere. */
    private void deletedUser(JsonGenerator g, int key) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", key);
        g.writeStringField("email", "");
        for (String field : new String[] {"full_name", "phone", "country"}) {
            g.writeNullField(field);
        }
        g.writeBooleanField("marketing_opt_in", false);
        g.writeNumberField("loyalty_points", 0);
        g.writeNullField("balance");
        g.writeNullField("birth_date");
        g.writeStringField("created_at", "1970-01-01T00:00:00Z");
        g.writeNullField("updated_at");
        g.writeNullField("preferences");
        g.writeNullField("tags");
        g.writeEndObject();
    }

    /** An order row as the MariaDB connector decodes it: Enum, Decimal, Timestamp (ms), ZonedTimestamp, JSON text. */
    private void order(JsonGenerator g, int key, int rev, long at) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", key);
        g.writeNumberField("user_id", 1 + key % 20_000);
        g.writeStringField("status", STATUSES[rev % STATUSES.length]);
        g.writeStringField("total", decimal(BigDecimal.valueOf(1_000 + key * 7L % 100_000 + rev, 2)));
        g.writeStringField("currency", CURRENCIES[key % CURRENCIES.length]);
        g.writeNumberField("created_at", 1_706_781_600_000L + key * 1000L);
        g.writeStringField("updated_at", MICROS.format(Instant.ofEpochMilli(at).truncatedTo(ChronoUnit.MILLIS)));
        g.writeStringField("shipping_address", "{\"name\":\"Customer " + (1 + key % 20_000) + "\",\"street\":\""
                + key % 300 + " rue de la Paix\",\"city\":\"" + (key % 5 == 0 ? "Zürich" : "Paris") + "\",\"zip\":\""
                + (75000 + key % 20) + "\",\"country\":\"FR\",\"instructions\":{\"leave_at_door\":" + (key % 2 == 0)
                + "}}");
        g.writeStringField("note", key % 11 == 0 ? "emoji note 😀👍 revision " + rev : "revision " + rev);
        g.writeEndObject();
    }

    private static String decimal(BigDecimal value) {
        return Base64.getEncoder().encodeToString(value.unscaledValue().toByteArray());
    }

    private byte[] key(int key) {
        byte[] id = Integer.toString(key).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[keyPrefix.length + id.length + 2];
        System.arraycopy(keyPrefix, 0, out, 0, keyPrefix.length);
        System.arraycopy(id, 0, out, keyPrefix.length, id.length);
        out[out.length - 2] = '}';
        out[out.length - 1] = '}';
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BenchEvents.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(props);
    }
}
