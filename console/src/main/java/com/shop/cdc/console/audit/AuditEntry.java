package com.shop.cdc.console.audit;

import java.time.Instant;

/** One thing a user did: replay, discard, restart, reconcile, user changes; the outcome as the target told it. */
public record AuditEntry(long id, Instant at, String username, String action, String service, String subject,
                         String outcome) {
}
