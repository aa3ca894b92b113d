package com.shop.cdc.users;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients on the local stack, for producing test records and reading dead-letter topics. */
final class StackClients {

    static final String BOOTSTRAP = "127.0.0.1:9092";

    private StackClients() {
    }

    static void ensureTopic(String topic, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", BOOTSTRAP, "acks", "all", "max.request.size", 2_000_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A connection to the stack's PostgreSQL (credentials in the URL or given), through the driver itself:
     * DriverManager serves the drivers of the class loader that first asked it, and each Quarkus test
     * profile has a loader of its own, so after another profile's test it finds none.
     */
    static java.sql.Connection postgres(String url, String user, String password) throws java.sql.SQLException {
        java.util.Properties credentials = new java.util.Properties();
        if (user != null) {
            credentials.setProperty("user", user);
            credentials.setProperty("password", password);
        }
        return new org.postgresql.Driver().connect(url, credentials);
    }

    /** How many of the users {@code first} to {@code first + count - 1} Redis holds ({@code user:{id}}). */
    static long usersInRedis(Redis redis, long first, int count) {
        Request exists = Request.cmd(Command.EXISTS);
        for (int i = 0; i < count; i++) {
            exists.arg("user:{" + (first + i) + "}");
        }
        return redis.sendAndAwait(exists).toLong();
    }

    /** The offsets a consumer group has committed, by partition. */
    static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }

    /** Reads {@code topic} from the beginning until {@code wanted} records have matched, or the time is up. */
    static List<ConsumerRecord<byte[], byte[]>> read(String topic, Predicate<ConsumerRecord<byte[], byte[]>> matching,
                                                     int wanted, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(Map.of("bootstrap.servers", BOOTSTRAP, "enable.auto.commit", false));
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < wanted && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Set<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        Set<String> names = new java.util.HashSet<>();
        record.headers().forEach(h -> names.add(h.key()));
        return names;
    }
}
