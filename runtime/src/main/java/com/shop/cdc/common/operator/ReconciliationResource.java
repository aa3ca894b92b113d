package com.shop.cdc.common.operator;

import com.shop.cdc.common.operator.DeadLetterResource.Problem;
import com.shop.cdc.common.reconcile.KeyLookup;
import com.shop.cdc.common.reconcile.Reconciliation;
import com.shop.cdc.common.reconcile.ReconciliationReport;
import com.shop.cdc.common.reconcile.ReconciliationReports;
import com.shop.cdc.common.reconcile.ReconciliationSchedule;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Runs a reconciliation of this service's targets with its source topics, shows stored reports, and
 * looks closer at a key they list: its source record and what a target holds under it.
 */
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
    private final KeyLookup lookup;
    private final ReconciliationSchedule schedule;

    public ReconciliationResource(Reconciliation reconciliation, ReconciliationReports reports,
                                  ActingOperator operator, KeyLookup lookup, ReconciliationSchedule schedule) {
        this.reconciliation = reconciliation;
        this.reports = reports;
        this.operator = operator;
        this.lookup = lookup;
        this.schedule = schedule;
    }

    /**
     * When the service runs itself.
     *
     * @param every     {@code cdc.reconciliation.every} as ISO-8601, null when it does not
     * @param lastRunAt the start of the latest stored run, whoever asked for it; null before the first
     * @param nextDueAt when the schedule runs next at the latest: one interval after that start
     */
    public record Schedule(String every, Instant lastRunAt, Instant nextDueAt) {
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
    @Path("schedule")
    @Operation(summary = "When this service reconciles itself (cdc.reconciliation.every) and when it is due next")
    public Schedule schedule() {
        Instant last = reports.latestReport().map(ReconciliationReport::startedAt).orElse(null);
        return schedule.every().map(every -> new Schedule(every.toString(), last, last == null ? null : last.plus(every)))
                .orElse(new Schedule(null, last, null));
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

    @GET
    @Path("source/{topic}/{partition}/{offset}")
    @Operation(summary = "One record of a source topic (a report's key's source record) and what the pipeline makes of it")
    public KeyLookup.SourceChange source(@PathParam("topic") String topic, @PathParam("partition") int partition,
                                         @PathParam("offset") long offset) {
        return lookup.source(topic, partition, offset).orElseThrow(() -> new NotFoundException(
                "no record " + topic + "/" + partition + "/" + offset + " in this service's source topics"));
    }

    @GET
    @Path("targets/{target}/rows")
    @Operation(summary = "What a target holds now under a key named as reports name it: its row or delete marker")
    public TargetRow row(@PathParam("target") String target, @QueryParam("key") String key) {
        if (key == null || key.isBlank()) {
            throw new BadRequestException("query parameter key is required");
        }
        return lookup.target(target, key).orElseThrow(() -> new NotFoundException(
                "target " + target + " of this service holds nothing under " + key));
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
