package com.shop.cdc.common.failure.ledger;

import com.shop.cdc.common.target.TargetUnavailableException;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What Hibernate's schema update cannot do to a ledger table of an earlier version: drop a
 * constraint. Done once per process, before the first dead letter is recorded.
 */
@ApplicationScoped
public class LedgerSchema {

    /**
     * The record identity without the Kafka timestamp: a topic deleted and created again reuses its
     * offsets, and its records collided with the old ones' rows.
     */
    private static final String DROP_OFFSET_ONLY_IDENTITY =
            "ALTER TABLE IF EXISTS cdc_dead_letter DROP CONSTRAINT IF EXISTS cdc_dead_letter_source";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private volatile boolean current;

    public LedgerSchema(Pool pool) {
        this.pool = pool;
    }

    /** @throws TargetUnavailableException when the database cannot be reached; the next call tries again */
    void ensureCurrent() {
        if (current) {
            return;
        }
        try {
            pool.query(DROP_OFFSET_ONLY_IDENTITY).execute().await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(DeadLetterLedger.TARGET, e);
        }
        current = true;
    }
}
