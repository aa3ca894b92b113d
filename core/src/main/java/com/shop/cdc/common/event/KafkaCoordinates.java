package com.shop.cdc.common.event;

/** Where a record was read: what a dead letter must name to be found and replayed. */
public record KafkaCoordinates(String topic, int partition, long offset, long timestamp) {
}
