package com.shop.cdc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.AvroRecords;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies a JsonConverter topic (schemas on) into its Avro twin, record by record to the same partition, as
 * the Apicurio Avro converter would have written the same Connect data, registering each schema in the real
 * registry (subject: the schema's full name). The twin topic is created anew with the same partitions, so a
 * sink drains the same events in either form (dev/bench-drain, AVRO=1).
 *
 * <pre>java -cp … com.shop.cdc.bench.AvroTwinTopic shop.public.users avro.public.users http://127.0.0.1:8085/apis/ccompat/v7</pre>
 */
public final class AvroTwinTopic {

    private static final String BOOTSTRAP = "127.0.0.1:9092";

    private AvroTwinTopic() {
    }

    public static void main(String[] args) throws Exception {
        String from = args[0];
        String to = args[1];
        URI registry = URI.create(args[2].replaceAll("/+$", "") + "/");
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        AvroRecords avro = new AvroRecords(schema -> register(http, registry, schema, json));
        Map<String, Object> clients = Map.of("bootstrap.servers", BOOTSTRAP);
        try (Admin admin = Admin.create(clients);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", BOOTSTRAP,
                     "enable.auto.commit", false, "max.poll.records", 2000), new ByteArrayDeserializer(),
                     new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", BOOTSTRAP,
                     "linger.ms", 20, "batch.size", 262144, "compression.type", "zstd"), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(from, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(from, p.partition())));
            recreate(admin, to, partitions.size());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long copied = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    RawRecord twin = avro.toAvro(new RawRecord(new KafkaCoordinates(record.topic(), record.partition(),
                            record.offset(), record.timestamp()), record.key(), record.value(), Map.of()));
                    ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(to, record.partition(), twin.key(), twin.value());
                    record.headers().forEach(header -> copy.headers().add(header));
                    producer.send(copy);
                    copied++;
                }
            }
            producer.flush();
            System.out.printf("avro-twin: %s -> %s records=%d%n", from, to, copied);
        }
    }

    private static void recreate(Admin admin, String topic, int partitions) throws InterruptedException, ExecutionException {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
            while (admin.listTopics().names().get().contains(topic)) {
                Thread.sleep(200);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
    }

    /** The id the registry gives the schema under the subject of its full name (POST …/subjects/<s>/versions). */
    private static int register(HttpClient http, URI registry, Schema schema, ObjectMapper json) {
        try {
            byte[] body = json.writeValueAsBytes(Map.of("schema", schema.toString()));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(registry.resolve("subjects/"
                            + schema.getFullName() + "/versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registering " + schema.getFullName() + " answered " + response.statusCode()
                        + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return json.readTree(response.body()).get("id").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
