package com.shop.cdc.common.failure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.target.TargetUnavailableException;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes dead letters to {@code <source topic>.dlq}, creating it on first use with the source
 * topic's partition count and size limit, and keeping each letter on its source partition. A batch
 * of letters is acknowledged by the brokers before this returns; until then nothing is committed.
 */
@ApplicationScoped
public class DeadLetterTopics {

    static final String TARGET = "dead-letter-topic";
    private static final long TIMEOUT_SECONDS = 30;

    private final DeadLetterConfig config;
    private final ObjectMapper json;
    private final Map<String, Object> kafka;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private volatile KafkaProducer<byte[], byte[]> producer;
    private volatile Admin admin;

    public DeadLetterTopics(DeadLetterConfig config, ObjectMapper json,
                            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.json = json;
        this.kafka = Map.copyOf(kafka);
    }

    public String topicOf(String sourceTopic) {
        return sourceTopic + config.topicSuffix();
    }

    /**
     * @param attempts per letter, how often its record has failed
     * @throws TargetUnavailableException when a letter was not acknowledged: the caller retries them all
     */
    public void publish(List<DeadLetter> letters, List<Integer> attempts) {
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
            for (int i = 0; i < letters.size(); i++) {
                sent.add(send(letters.get(i), attempts.get(i), false));
            }
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RecordTooLargeException)) {
                        throw e;
                    }
                    // The topic refuses the whole record; the ledger keeps the value, the topic says so.
                    send(letters.get(i), attempts.get(i), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            partitionCounts.clear(); // a dead-letter topic deleted meanwhile is created again on the retry
            throw new TargetUnavailableException(TARGET, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException(TARGET, e);
        }
    }

    private Future<RecordMetadata> send(DeadLetter letter, int attempts, boolean omitValue)
            throws ExecutionException, InterruptedException, TimeoutException {
        var origin = letter.record().origin();
        String topic = topicOf(origin.topic());
        int partitions = ensureTopic(origin.topic(), topic);
        var headers = DeadLetterHeaders.of(letter, attempts, json);
        byte[] value = letter.record().value();
        if (omitValue && value != null) {
            headers.add(new RecordHeader(DeadLetterHeaders.VALUE_OMITTED,
                    Integer.toString(value.length).getBytes(StandardCharsets.UTF_8)));
            value = null;
        }
        // A record without a timestamp (-1: written by an old client or format) gets the producer's own:
        // Kafka refuses a negative one, and that refusal would hold the dead letter back for ever.
        Long timestamp = origin.timestamp() >= 0 ? origin.timestamp() : null;
        return producer().send(new ProducerRecord<>(topic, origin.partition() % partitions, timestamp,
                letter.record().key(), value, headers));
    }

    /** Creates the dead-letter topic like its source topic if it is missing; returns its partition count. */
    private int ensureTopic(String source, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Integer known = partitionCounts.get(topic);
        if (known != null) {
            return known;
        }
        Admin client = admin();
        Optional<Integer> existing = partitions(client, topic);
        int count = existing.isPresent() ? existing.get() : partitions(client, source).orElse(1);
        if (existing.isEmpty()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, source);
            String maxBytes = client.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
            NewTopic newTopic = new NewTopic(topic, Optional.of(count), Optional.empty())
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes));
            try {
                client.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        partitionCounts.put(topic, count);
        return count;
    }

    private static Optional<Integer> partitions(Admin client, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            TopicDescription found = client.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            return Optional.of(found.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> settings = new HashMap<>(kafka);
                    settings.put(ProducerConfig.ACKS_CONFIG, "all");
                    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
                    producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> settings = new HashMap<>(kafka);
                    settings.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
                    admin = Admin.create(settings);
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
