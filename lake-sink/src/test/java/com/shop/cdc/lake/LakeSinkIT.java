package com.shop.cdc.lake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.sink.lake.LakeChangeWriter;
import com.shop.cdc.common.target.Targets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on the real path: Debezium users changes on Kafka (a topic of the tests' own) through decode,
 * transform and validate into the lake on dev/stack's S3Proxy and the lake_catalog database, read back as a
 * reader of the lake reads it.
 */
@QuarkusTest
class LakeSinkIT {

    private static final String TOPIC = "it.lake.users";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Targets targets;

    /** Ids and LSNs unique to this run: runs against the same stack never meet. */
    private final long base = (System.currentTimeMillis() % 100_000_000L) * 1_000;
    private long lsn = System.currentTimeMillis() * 1_000;

    @BeforeAll
    static void topic() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Test
    void writesTheLakeAsItsOneTargetAndIsReady() {
        assertThat(targets.writers()).singleElement().isInstanceOf(LakeChangeWriter.class);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void usersChangesEndAsTheSourcesCurrentStateInTheLake() throws Exception {
        Map<Long, String> expected = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long id = base; id < base + 20; id++) {
                send(producer, id, "c", row(id, "user " + id, "10.00"));
                expected.put(id, "user " + id + " 10.00");
            }
            for (long id = base; id < base + 20; id += 2) {
                send(producer, id, "u", row(id, "renamed " + id, "12.50"));
                expected.put(id, "renamed " + id + " 12.50");
            }
            for (long id = base + 1; id < base + 20; id += 4) {
                send(producer, id, "d", row(id, "user " + id, "10.00"));
                expected.remove(id);
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(lakeRows(base, base + 20)).isEqualTo(expected));
        assertThat(given().get("/q/metrics").asString()).as("each commit is measured")
                .containsPattern("cdc_lake_commit_rows_total\\{table=\"[^\"]*it_lake\\.users\"} [1-9]")
                .containsPattern("cdc_lake_commit_bytes_total\\{table=\"[^\"]*it_lake\\.users\"} [1-9]")
                .contains("cdc_lake_commit_duration_seconds_count{table=");
    }

    /** The users table's rows of this run's ids, read through a catalog of its own: "full_name balance". */
    private static Map<Long, String> lakeRows(long from, long to) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("type", "jdbc");
        properties.put("uri", "jdbc:postgresql://127.0.0.1:5432/lake_catalog");
        properties.put("jdbc.user", "postgres");
        properties.put("jdbc.password", "postgres");
        properties.put("warehouse", "s3://lake/warehouse");
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("s3.endpoint", "http://127.0.0.1:9000");
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", "lake-access");
        properties.put("s3.secret-access-key", "lake-secret");
        properties.put("client.region", "us-east-1");
        properties.put("http-client.type", "urlconnection");
        Map<Long, String> rows = new TreeMap<>();
        Catalog catalog = CatalogUtil.buildIcebergCatalog("lake", properties, null);
        try {
            TableIdentifier users = TableIdentifier.of("it_lake", "users");
            if (!catalog.tableExists(users)) {
                return rows;
            }
            try (CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(users)).build()) {
                for (Record record : records) {
                    long id = (Long) record.getField("id");
                    if (id >= from && id < to) {
                        assertThat(record.getField("email")).as("personal fields stay out of the lake").isNull();
                        rows.put(id, record.getField("full_name") + " " + ((BigDecimal) record.getField("balance")).toPlainString());
                    }
                }
            }
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return rows;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, long id, String op, Map<String, Object> row) throws Exception {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("version", "3.5.0.Final");
        source.put("connector", "postgresql");
        source.put("name", "shop");
        source.put("ts_ms", System.currentTimeMillis());
        source.put("snapshot", "false");
        source.put("db", "shop");
        source.put("sequence", "[null,\"" + ++lsn + "\"]");
        source.put("schema", "public");
        source.put("table", "users");
        source.put("txId", lsn);
        source.put("lsn", lsn);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("before", op.equals("d") ? row : null);
        value.put("after", op.equals("d") ? null : row);
        value.put("source", source);
        value.put("op", op);
        value.put("ts_ms", System.currentTimeMillis());
        producer.send(new ProducerRecord<>(TOPIC, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                JSON.writeValueAsBytes(value))).get();
    }

    private static Map<String, Object> row(long id, String name, String balance) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", "user" + id + "@example.com");
        row.put("full_name", name);
        row.put("country", "DE");
        row.put("balance", balance);
        row.put("marketing_opt_in", true);
        row.put("tags", List.of("a", "b"));
        return row;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

}
