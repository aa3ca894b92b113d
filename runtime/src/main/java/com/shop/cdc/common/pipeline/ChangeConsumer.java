package com.shop.cdc.common.pipeline;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Every service's one consumer: the channel {@code changes}, whose topics each service names. */
@ApplicationScoped
public class ChangeConsumer {

    private final BatchProcessor processor;

    public ChangeConsumer(BatchProcessor processor) {
        this.processor = processor;
    }

    /**
     * Returns as soon as the batch is under way (waiting first while the records in flight are at
     * their bound); the processor acknowledges it, and so its offsets become committable, once every
     * target has it.
     */
    @Incoming("changes")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<ConsumerRecords<byte[], byte[]>> batch) {
        processor.handle(batch);
        return CompletableFuture.completedFuture(null);
    }
}
