package com.shop.cdc.search;

import com.shop.cdc.common.pipeline.BatchProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes all three domains for the search indexes. */
@ApplicationScoped
public class SearchChangeConsumer {

    private final BatchProcessor processor;

    public SearchChangeConsumer(BatchProcessor processor) {
        this.processor = processor;
    }

    /**
     * Returns as soon as the batch is under way; the processor acknowledges it, and so its offsets
     * become committable, once every target has it.
     */
    @Incoming("changes")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<ConsumerRecords<byte[], byte[]>> batch) {
        processor.handle(batch);
        return CompletableFuture.completedFuture(null);
    }
}
