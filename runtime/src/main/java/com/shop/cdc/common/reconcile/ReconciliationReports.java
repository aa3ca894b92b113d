package com.shop.cdc.common.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.service.ServiceName;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reports kept in the ledger's PostgreSQL database, table {@code cdc_reconciliation} (created on
 * first use): one row per run with the service, its times, whether it was clean, and the report as JSONB.
 */
@ApplicationScoped
public class ReconciliationReports {

    private static final Logger LOG = Logger.getLogger(ReconciliationReports.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS cdc_reconciliation (
                id BIGSERIAL PRIMARY KEY,
                service TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ NOT NULL,
                clean BOOLEAN NOT NULL,
                report JSONB NOT NULL)""";

    private static final String CREATE_CLAIM = """
            CREATE TABLE IF NOT EXISTS cdc_reconciliation_claim (
                service TEXT PRIMARY KEY,
                claimed_at TIMESTAMPTZ NOT NULL,
                claimed_by TEXT NOT NULL)""";
    /** Takes the service's run when its last claim is at least the interval old: one row, so one winner. */
    private static final String CLAIM = """
            INSERT INTO cdc_reconciliation_claim AS claim (service, claimed_at, claimed_by) VALUES ($1, now(), $2)
            ON CONFLICT (service) DO UPDATE SET claimed_at = now(), claimed_by = $2
            WHERE claim.claimed_at <= now() - make_interval(secs => $3)
            RETURNING service""";

    private final Pool pool;
    private final ObjectMapper json;
    private final String service;
    private volatile boolean created;

    public ReconciliationReports(Pool pool, ObjectMapper json,
                                 ServiceName service) {
        this.pool = pool;
        this.json = json;
        this.service = service.value();
    }

    /** Stores the report and returns its id; empty when the database cannot be written (the report is still returned). */
    public Optional<Long> store(ReconciliationReport report) {
        try {
            create();
            RowIterator<Row> rows = pool.preparedQuery("INSERT INTO cdc_reconciliation"
                            + " (service, started_at, finished_at, clean, report) VALUES ($1, $2, $3, $4, $5) RETURNING id")
                    .execute(Tuple.of(service, report.startedAt().atOffset(ZoneOffset.UTC),
                            report.finishedAt().atOffset(ZoneOffset.UTC), report.clean(),
                            new JsonObject(json.writeValueAsString(report))))
                    .await().atMost(TIMEOUT).iterator();
            return Optional.of(rows.next().getLong(0));
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.errorf(e, "the reconciliation report of %s could not be stored", service);
            return Optional.empty();
        }
    }

    /** A stored report of this service, as JSON. */
    public Optional<String> find(long id) {
        create();
        RowIterator<Row> rows = pool.preparedQuery("SELECT report::text FROM cdc_reconciliation WHERE id = $1 AND service = $2")
                .execute(Tuple.of(id, service)).await().atMost(TIMEOUT).iterator();
        return rows.hasNext() ? Optional.of(rows.next().getString(0)) : Optional.empty();
    }

    /** The id of this service's latest stored report. */
    public Optional<Long> latest() {
        create();
        RowIterator<Row> rows = pool.preparedQuery("SELECT max(id) FROM cdc_reconciliation WHERE service = $1")
                .execute(Tuple.of(service)).await().atMost(TIMEOUT).iterator();
        return Optional.ofNullable(rows.next().getLong(0));
    }

    /** This service's latest stored report, read back. */
    public Optional<ReconciliationReport> latestReport() {
        return latest().flatMap(this::find).map(text -> {
            try {
                return json.readValue(text, ReconciliationReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored reconciliation report of " + service + " is not a report", e);
            }
        });
    }

    /**
     * Whether this instance may start the service's scheduled run: true for the one instance that
     * claims it first once the last claim is {@code every} old, false for every other.
     */
    public boolean claim(Duration every, String instance) {
        create();
        return pool.preparedQuery(CLAIM).execute(Tuple.of(service, instance, (double) every.toSeconds()))
                .await().atMost(TIMEOUT).iterator().hasNext();
    }

    /** Gives back this instance's claim of the service's run. */
    public void release(String instance) {
        pool.preparedQuery("DELETE FROM cdc_reconciliation_claim WHERE service = $1 AND claimed_by = $2")
                .execute(Tuple.of(service, instance)).await().atMost(TIMEOUT);
    }

    private void create() {
        if (!created) {
            pool.query(CREATE).execute().await().atMost(TIMEOUT);
            pool.query(CREATE_CLAIM).execute().await().atMost(TIMEOUT);
            created = true;
        }
    }
}
