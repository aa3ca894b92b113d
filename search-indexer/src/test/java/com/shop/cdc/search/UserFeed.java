package com.shop.cdc.search;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Changes of {@code keys} users sent to a topic, one key after the other (a create, then updates), each at
 * a higher LSN; remembers every key's latest row: what the index must equal.
 */
final class UserFeed implements AutoCloseable {

    private static final long FIRST_LSN = 7_000_000;

    private final String topic;
    private final int keys;
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", "127.0.0.1:9092", "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer());
    private final Map<Long, Map<String, Object>> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService steady = Executors.newSingleThreadScheduledExecutor();
    private long sent;

    UserFeed(String topic, int keys) {
        this.topic = topic;
        this.keys = keys;
    }

    /** One change of each key, acknowledged by Kafka. */
    synchronized void everyKeyOnce() {
        for (int i = 0; i < keys; i++) {
            next();
        }
        producer.flush();
    }

    /** Sends {@code perTick} changes every {@code tick} in the background until {@link #stop}. */
    void steadily(int perTick, Duration tick) {
        steady.scheduleAtFixedRate(() -> {
            synchronized (this) {
                for (int i = 0; i < perTick; i++) {
                    next();
                }
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the background changes, every sent one acknowledged. */
    void stop() throws InterruptedException {
        steady.shutdown();
        steady.awaitTermination(10, TimeUnit.SECONDS);
        producer.flush();
    }

    synchronized long sent() {
        return sent;
    }

    /** Each key's latest row: {@code id}, {@code email}, {@code full_name}. */
    Map<Long, Map<String, Object>> latest() {
        return Map.copyOf(latest);
    }

    private void next() {
        long id = sent % keys + 1;
        String op = sent < keys ? "c" : "u";
        String email = "user" + id + "-" + sent + "@example.com";
        String fullName = "User " + id + " change " + sent;
        producer.send(new ProducerRecord<>(topic, UserChanges.key(id), UserChanges.value(id, op, FIRST_LSN + sent, email, fullName)));
        latest.put(id, Map.of("id", id, "email", email, "full_name", fullName));
        sent++;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close();
    }
}
