package com.shop.cdc.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Debezium users changes at a steady rate on a thread of its own: new users and updates of users
 * already sent, each change with a higher LSN than the last. Remembers, per user, the newest change
 * Kafka acknowledged — the state every target must end with. The producer waits out a broker outage
 * (its delivery timeout is longer than any outage of the test) instead of failing a send.
 */
final class SteadyUsersFeed implements AutoCloseable {

    /** The fields of a user the test compares in every target. */
    record User(long id, long lsn, String email, String fullName, long loyaltyPoints, String country) {
    }

    private static final String[] COUNTRIES = {"FR", "DE", "NL", "PT", "PL"};

    private final String topic;
    private final long firstId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "steady-users-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final Random random = new Random(7);
    private final List<Long> ids = new ArrayList<>();
    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
    private final Map<Long, User> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long lsn = System.currentTimeMillis() * 1_000;

    SteadyUsersFeed(String topic, long firstId) {
        this.topic = topic;
        this.firstId = firstId;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", StackClients.BOOTSTRAP, "acks", "all",
                "enable.idempotence", true, "linger.ms", 5, "delivery.timeout.ms", 600_000,
                "request.timeout.ms", 30_000, "max.block.ms", 600_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void start(int perSecond) {
        clock.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and waits until every change sent is acknowledged or failed. */
    void stop() throws InterruptedException {
        clock.shutdown();
        if (!clock.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the feed did not stop");
        }
        producer.flush();
    }

    long sent() {
        return sent.get();
    }

    /** The first send Kafka failed, if any: after it the expected state of its user is unknown. */
    Exception failure() {
        return failure.get();
    }

    /** The newest acknowledged change of every user sent. */
    Map<Long, User> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        producer.close();
    }

    /** About a third of the changes create a user, the rest update one already sent. */
    private void sendOne() {
        try {
            long id;
            boolean created = ids.size() < 10 || random.nextInt(3) == 0;
            if (created) {
                id = firstId + ids.size();
                ids.add(id);
            } else {
                id = ids.get(random.nextInt(ids.size()));
            }
            int version = versions.merge(id, 1, Integer::sum);
            User user = new User(id, ++lsn, "u" + id + "-v" + version + "@example.com", "User " + id + " v" + version,
                    version * 10L, COUNTRIES[(int) ((id + version) % COUNTRIES.length)]);
            producer.send(new ProducerRecord<>(topic, UserChanges.key(id), UserChanges.bytes(change(user, created))),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            acknowledged.merge(id, user, (old, now) -> now.lsn() > old.lsn() ? now : old);
                        }
                    });
            sent.incrementAndGet();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e); // a scheduled task that throws is never run again
        }
    }

    private static ObjectNode change(User user, boolean created) {
        ObjectNode value = UserChanges.create(user.id(), user.email(), user.lsn());
        ObjectNode after = UserChanges.after(value);
        after.put("full_name", user.fullName());
        after.put("loyalty_points", user.loyaltyPoints());
        after.put("country", user.country());
        if (!created) {
            UserChanges.payload(value).put("op", "u");
        }
        return value;
    }
}
