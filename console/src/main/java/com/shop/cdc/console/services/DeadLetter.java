package com.shop.cdc.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A dead letter as a service's {@code /dead-letters} API shows it; key, value, headers and stack trace
 * only in the detail of one.
 */
public record DeadLetter(long id, String topic, int partition, long offset, Instant sourceTimestamp, String stage,
                         String errorClass, String message, String field, JsonNode violations, int attempts,
                         Instant firstFailedAt, Instant lastFailedAt, String status, String resolvedBy,
                         Instant resolvedAt, String resolution, Payload key, Payload value, String stackTrace,
                         Map<String, Payload> headers) {

    /** A key or value: {@code json}, {@code text} or {@code base64}. */
    public record Payload(String encoding, JsonNode content) {
    }

    /** The same letter with its contents (key, value, headers, message, violations, stack trace) left out. */
    public DeadLetter masked() {
        return new DeadLetter(id, topic, partition, offset, sourceTimestamp, stage, errorClass, null, field, null,
                attempts, firstFailedAt, lastFailedAt, status, resolvedBy, resolvedAt, null, null, null, null, null);
    }
}
