package com.shop.cdc.console.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.console.audit.AuditLog;
import com.shop.cdc.console.services.ReconciliationReport;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Starts a service's reconciliation in the background: a run replays the service's source topics and
 * takes minutes, longer than a page may wait. Each run is kept with its report and audited twice, as
 * it starts and as it ends, naming the person who asked.
 */
@ApplicationScoped
public class ReconciliationRunner {

    private static final Logger LOG = Logger.getLogger(ReconciliationRunner.class);

    private final ServiceApi services;
    private final ReconciliationRuns runs;
    private final AuditLog audit;
    private final ManagedExecutor executor;
    private final ObjectMapper json;

    public ReconciliationRunner(ServiceApi services, ReconciliationRuns runs, AuditLog audit, ManagedExecutor executor,
                                ObjectMapper json) {
        this.services = services;
        this.runs = runs;
        this.audit = audit;
        this.executor = executor;
        this.json = json;
    }

    /** The new run's id; empty when a run of that service is already in progress. */
    public Optional<Long> start(String service, String person) {
        if (!services.names().contains(service)) {
            throw new ServiceCallException("no service " + service + " is configured", 404, null);
        }
        Optional<Long> id = runs.start(service, person);
        if (id.isEmpty()) {
            return id;
        }
        audit.record(person, "reconcile", service, "run " + id.get(), "started");
        executor.execute(() -> run(id.get(), service, person));
        return id;
    }

    /** The audit is written before the run is marked finished: whoever sees it finished finds its audit too. */
    private void run(long id, String service, String person) {
        try {
            String body = services.reconcile(service, person);
            boolean clean = json.readValue(body, ReconciliationReport.class).clean();
            audit.record(person, "reconcile", service, "run " + id, clean ? "clean" : "differences found");
            runs.finished(id, body, clean);
        } catch (ServiceCallException | IOException e) {
            failed(id, service, person, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciliation run %d of %s", id, service);
            failed(id, service, person, e.toString());
        }
    }

    private void failed(long id, String service, String person, String error) {
        audit.record(person, "reconcile", service, "run " + id, error);
        runs.failed(id, error);
    }
}
