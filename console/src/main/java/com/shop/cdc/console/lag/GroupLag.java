package com.shop.cdc.console.lag;

import java.util.List;

/** A consumer group's lag per partition, or why it could not be read. */
public record GroupLag(String group, List<PartitionLag> partitions, String error) {

    public long total() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }
}
