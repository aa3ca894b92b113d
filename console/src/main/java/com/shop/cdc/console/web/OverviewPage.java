package com.shop.cdc.console.web;

import com.shop.cdc.console.ConsoleConfig;
import com.shop.cdc.console.audit.AuditLog;
import com.shop.cdc.console.connect.ConnectApi;
import com.shop.cdc.console.connect.Connector;
import com.shop.cdc.console.history.DeadLetterHistory;
import com.shop.cdc.console.lag.GroupLag;
import com.shop.cdc.console.lag.LagHistory;
import com.shop.cdc.console.services.DeadLetterQuery;
import com.shop.cdc.console.services.Health;
import com.shop.cdc.console.services.ReconciliationReport;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The pipeline at a glance: each service's state, lag, dead letters, last reconciliation; the connectors. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OverviewPage {

    private final ServiceApi services;
    private final LagHistory lag;
    private final ConnectApi connect;
    private final AuditLog audit;
    private final ConsoleConfig config;
    private final DeadLetterHistory history;
    private final Pages pages;
    private final Template overview;

    public OverviewPage(ServiceApi services, LagHistory lag, ConnectApi connect, AuditLog audit, ConsoleConfig config,
                        DeadLetterHistory history, Pages pages, Template overview) {
        this.services = services;
        this.lag = lag;
        this.connect = connect;
        this.audit = audit;
        this.config = config;
        this.history = history;
        this.pages = pages;
        this.overview = overview;
    }

    @GET
    @RolesAllowed("viewer")
    public TemplateInstance show() {
        List<ServiceRow> rows = services.names().stream().map(this::row).toList();
        List<Connector> connectors = List.of();
        String connectError = null;
        try {
            connectors = connect.connectors();
        } catch (IllegalStateException e) {
            connectError = e.getMessage();
        }
        return pages.page(overview).data("services", rows).data("connectors", connectors)
                .data("connectError", connectError).data("bars", history.perHour().map(Bar::of).orElse(null));
    }

    @POST
    @Path("connectors/{name}/restart")
    @RolesAllowed("operator")
    public TemplateInstance restart(@PathParam("name") String name) {
        String outcome;
        boolean ok;
        try {
            int status = connect.restart(name);
            ok = status == 202 || status == 204;
            outcome = "Kafka Connect answered " + status;
        } catch (IllegalStateException e) {
            ok = false;
            outcome = e.getMessage();
        }
        audit.record(pages.user(), "restart connector", null, name, outcome);
        return pages.outcome("Restart " + name, ok, List.of(outcome), "/");
    }

    private ServiceRow row(String name) {
        GroupLag groupLag = lag.current(name);
        String state;
        String detail = null;
        try {
            Health health = services.health(name);
            state = !health.up() ? "paused" : groupLag.error() == null && groupLag.total() > config.lagThreshold()
                    ? "lagging" : "ready";
            detail = health.up() ? null : "down: " + String.join(", ", health.down());
        } catch (ServiceCallException e) {
            state = "unreachable";
            detail = e.getMessage();
        }
        Long deadLetters = null;
        String deadLettersError = null;
        try {
            deadLetters = services.deadLetters(name, new DeadLetterQuery(null, null, null, "NEW", null, null), 0, 1).total();
        } catch (ServiceCallException e) {
            deadLettersError = e.getMessage();
        }
        ReconciliationReport report = null;
        String reconciliationError = null;
        try {
            report = services.latestReconciliation(name).orElse(null);
        } catch (ServiceCallException e) {
            reconciliationError = e.getMessage();
        }
        List<LagHistory.Sample> hour = lag.of(name);
        Instant now = Instant.now();
        return new ServiceRow(name, state, detail, groupLag, Sparkline.of(hour, LagHistory.Sample::lag, now),
                Sparkline.of(hour, LagHistory.Sample::recordsPerSecond, now), deadLetters, deadLettersError, report,
                reconciliationError);
    }
}
