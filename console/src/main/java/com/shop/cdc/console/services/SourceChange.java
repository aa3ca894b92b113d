package com.shop.cdc.console.services;

import java.time.Instant;
import java.util.Map;

/**
 * One record of a service's source topic and what its pipeline makes of it now
 * ({@code GET /reconciliation/source/<topic>/<partition>/<offset>}).
 *
 * @param outcome {@code accepted}, {@code rejected} (with its reason) or {@code skipped}
 * @param row     the row the change leaves, as JSON; null for a delete
 * @param keys    per target, the key the change is kept under there
 */
public record SourceChange(String topic, int partition, long offset, Instant timestamp, String outcome, String reason,
                           String table, String operation, Long position, String row, Map<String, String> keys) {
}
