package com.shop.cdc.console.lag;

/** A consumer group's position on one partition: committed offset, end offset, and the difference. */
public record PartitionLag(String topic, int partition, long committed, long end) {

    public long lag() {
        return Math.max(0, end - committed);
    }
}
