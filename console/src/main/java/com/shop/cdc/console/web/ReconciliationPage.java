package com.shop.cdc.console.web;

import com.shop.cdc.console.reconcile.ReconciliationRun;
import com.shop.cdc.console.reconcile.ReconciliationRunner;
import com.shop.cdc.console.reconcile.ReconciliationRuns;
import com.shop.cdc.console.services.ReconciliationReport;
import com.shop.cdc.console.services.Schedule;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's reconciliation runs and each service's latest report; starting a run in the background. */
@Path("/reconciliation")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ReconciliationPage {

    static final int HISTORY = 50;

    private final ServiceApi services;
    private final ReconciliationRunner runner;
    private final ReconciliationRuns runs;
    private final Pages pages;
    private final Template reconciliation;
    private final Template reconciliationRun;

    public ReconciliationPage(ServiceApi services, ReconciliationRunner runner, ReconciliationRuns runs, Pages pages,
                              Template reconciliation, Template reconciliationRun) {
        this.services = services;
        this.runner = runner;
        this.runs = runs;
        this.pages = pages;
        this.reconciliation = reconciliation;
        this.reconciliationRun = reconciliationRun;
    }

    /** A service's latest report (its own runs and scheduled ones alike) and its schedule, or why there are none. */
    public record Latest(ReconciliationReport report, Schedule schedule, String error) {
    }

    @GET
    @RolesAllowed("viewer")
    public TemplateInstance show() {
        Map<String, Latest> latest = new LinkedHashMap<>();
        for (String service : services.names()) {
            try {
                latest.put(service, new Latest(services.latestReconciliation(service).orElse(null),
                        services.schedule(service).orElse(null), null));
            } catch (ServiceCallException e) {
                latest.put(service, new Latest(null, null, e.getMessage()));
            }
        }
        List<ReconciliationRun> history = runs.latest(HISTORY);
        return pages.page(reconciliation).data("latest", latest).data("runs", history)
                .data("refresh", history.stream().anyMatch(ReconciliationRun::running));
    }

    @GET
    @Path("runs/{id}")
    @RolesAllowed("viewer")
    public TemplateInstance run(@PathParam("id") long id) {
        return pages.page(reconciliationRun).data("run",
                runs.find(id).orElseThrow(() -> new NotFoundException("no reconciliation run " + id)));
    }

    @POST
    @Path("{service}")
    @RolesAllowed("operator")
    public Response start(@PathParam("service") String service) {
        Optional<Long> id = runner.start(service, pages.user());
        if (id.isEmpty()) {
            return Response.status(Response.Status.CONFLICT).entity(pages.outcome("Reconciliation of " + service, false,
                    List.of("a run of " + service + " is in progress"), "/reconciliation")).build();
        }
        return Response.seeOther(URI.create("/reconciliation/runs/" + id.get())).build();
    }
}
