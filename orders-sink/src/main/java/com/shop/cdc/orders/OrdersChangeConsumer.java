package com.shop.cdc.orders;

import com.shop.cdc.common.pipeline.BatchProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the orders domain (orders, order_items). */
@ApplicationScoped
public class OrdersChangeConsumer {

    private final BatchProcessor processor;

    public OrdersChangeConsumer(BatchProcessor processor) {
        this.processor = processor;
    }

    /** A batch is acknowledged, and so its offsets become committable, only when this method returns. */
    @Incoming("changes")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> batch) {
        processor.handle(batch);
    }
}
