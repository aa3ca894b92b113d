package com.shop.cdc.search.elasticsearch;

import java.time.Duration;

/** How bulk writes are cut, how many run at once, and how transient item failures are retried. */
public record BulkLimits(int maxActions, int maxBytes, int maxConcurrentRequests, int retries, Duration backoff) {
}
