package com.shop.cdc.products;

import com.shop.cdc.common.pipeline.BatchProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the products domain (MongoDB envelope). */
@ApplicationScoped
public class ProductsChangeConsumer {

    private final BatchProcessor processor;

    public ProductsChangeConsumer(BatchProcessor processor) {
        this.processor = processor;
    }

    /** A batch is acknowledged, and so its offsets become committable, only when this method returns. */
    @Incoming("changes")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> batch) {
        processor.handle(batch);
    }
}
