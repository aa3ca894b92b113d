package com.shop.cdc.common.operator;

import com.shop.cdc.common.operator.DeadLetterResource.Problem;
import com.shop.cdc.common.reconcile.Reconciliation;
import com.shop.cdc.common.reconcile.ReconciliationReports;
import com.shop.cdc.common.target.TargetUnavailableException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Runs a reconciliation of this service's targets with its source topics, and shows stored reports. */
@Path("/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${cdc.dead-letters.operator-role}")
@Blocking
@Tag(name = "reconciliation")
public class ReconciliationResource {

    private static final Logger LOG = Logger.getLogger(ReconciliationResource.class);

    private final Reconciliation reconciliation;
    private final ReconciliationReports reports;
    private final ActingOperator operator;

    public ReconciliationResource(Reconciliation reconciliation, ReconciliationReports reports,
                                  ActingOperator operator) {
        this.reconciliation = reconciliation;
        this.reports = reports;
        this.operator = operator;
    }

    @POST
    @Operation(summary = "Replays the source topics, compares every target with them and returns the report"
            + " (stored; its location in the Location header)")
    public Response run() {
        LOG.infof("reconciliation asked for by %s", operator.name());
        Reconciliation.Stored stored = reconciliation.run();
        Response.ResponseBuilder response = Response.ok(stored.report());
        if (stored.id() != null) {
            response.location(URI.create("/reconciliation/" + stored.id()));
        }
        return response.build();
    }

    @GET
    @Path("latest")
    @Operation(summary = "The latest stored report of this service")
    public String latest() {
        return show(reports.latest().orElseThrow(() -> new NotFoundException("no stored reconciliation yet")));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A stored report of this service")
    public String show(@PathParam("id") long id) {
        return reports.find(id).orElseThrow(() -> new NotFoundException("no reconciliation " + id));
    }

    @ServerExceptionMapper
    public Response unavailable(TargetUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response running(Reconciliation.AlreadyRunning e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(e.getMessage())).build();
    }
}
