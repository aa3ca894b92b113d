package com.shop.cdc.console.lag;

import com.shop.cdc.console.ConsoleConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Consumer lag per group and partition, read with Kafka's admin client (committed against end offsets). */
@Startup
@ApplicationScoped
public class ConsumerLag {

    private final ConsoleConfig config;
    private final Admin admin;

    public ConsumerLag(ConsoleConfig config) {
        this.config = config;
        this.admin = create(KafkaAdminSettings.of(config.kafka(), config.timeout()));
    }

    /** Kafka checks the settings (a JAAS entry, a truststore's contents) when the client is made: at start-up. */
    private static Admin create(Properties properties) {
        try {
            return Admin.create(properties);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("console.kafka.*: Kafka's admin client refused the settings: "
                    + cause.getMessage(), e);
        }
    }

    /** The service's group: {@code console.services.<name>.group}, else the service's name. */
    public String group(String service) {
        ConsoleConfig.Service settings = config.services().get(service);
        return settings == null ? service : settings.group().orElse(service);
    }

    public GroupLag of(String group) {
        long timeout = config.timeout().toMillis();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            List<PartitionLag> partitions = committed.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> new PartitionLag(e.getKey().topic(), e.getKey().partition(), e.getValue().offset(),
                            ends.get(e.getKey()).offset()))
                    .sorted(Comparator.comparing(PartitionLag::topic).thenComparing(PartitionLag::partition)).toList();
            return new GroupLag(group, partitions, null);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new GroupLag(group, List.of(), "Kafka: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GroupLag(group, List.of(), "interrupted");
        }
    }

    void close(@Observes ShutdownEvent shutdown) {
        admin.close();
    }
}
