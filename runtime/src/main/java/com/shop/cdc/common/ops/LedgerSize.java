package com.shop.cdc.common.ops;

import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import com.shop.cdc.common.failure.ledger.DeadLetterStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** {@code cdc_dead_letter_ledger_entries{status}}: this service's dead letters by status, refreshed every 30 s. */
@ApplicationScoped
public class LedgerSize {

    private static final Logger LOG = Logger.getLogger(LedgerSize.class);
    private static final long PERIOD_SECONDS = 30;

    private final DeadLetterLedger ledger;
    private final Map<DeadLetterStatus, AtomicLong> counts = new EnumMap<>(DeadLetterStatus.class);
    private Refresher refresher;

    public LedgerSize(DeadLetterLedger ledger, MeterRegistry registry) {
        this.ledger = ledger;
        for (DeadLetterStatus status : DeadLetterStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("cdc.dead.letter.ledger.entries", count, AtomicLong::get).tag("status", status.name())
                    .description("dead letters of this service in the ledger").register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        refresher = new Refresher("cdc-ledger-size", this::refresh, 0, PERIOD_SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.stop();
        }
    }

    private void refresh() {
        try {
            ledger.countByStatus().forEach((status, count) -> counts.get(status).set(count));
        } catch (RuntimeException e) {
            LOG.debugf("ledger size not refreshed: %s", e.getMessage());
        }
    }
}
