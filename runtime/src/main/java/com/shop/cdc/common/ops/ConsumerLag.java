package com.shop.cdc.common.ops;

import com.shop.cdc.common.pipeline.PipelineConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code cdc_consumer_lag{topic, partition}}: the log end offset minus this service's committed
 * offset, per partition, refreshed every 15 s — the same lag KEDA scales on, as the service sees it.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final long PERIOD_SECONDS = 15;

    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final String group;
    private final List<String> topics;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private Refresher refresher;
    private Admin admin;

    public ConsumerLag(MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "mp.messaging.incoming.changes.group.id") String group,
                       @ConfigProperty(name = PipelineConfig.CONSUMED_TOPICS) List<String> topics) {
        this.registry = registry;
        this.kafka = kafka;
        this.group = group;
        this.topics = topics;
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
        admin = Admin.create(settings);
        refresher = new Refresher("cdc-consumer-lag", this::refresh, PERIOD_SECONDS, PERIOD_SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.stop();
            admin.close();
        }
    }

    private void refresh() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long lag = end.offset() - (done == null ? 0 : done.offset());
                lags.computeIfAbsent(partition, this::register).set(Math.max(lag, 0));
            });
        } catch (Exception e) {
            // Kafka unreachable: the gauges keep their last values and readiness says what is wrong.
            LOG.debugf("consumer lag not refreshed: %s", e.getMessage());
        }
    }

    private AtomicLong register(TopicPartition partition) {
        AtomicLong lag = new AtomicLong();
        Gauge.builder("cdc.consumer.lag", lag, AtomicLong::get)
                .tags("topic", partition.topic(), "partition", Integer.toString(partition.partition()))
                .description("records not yet committed by this service's consumer group")
                .register(registry);
        return lag;
    }
}
