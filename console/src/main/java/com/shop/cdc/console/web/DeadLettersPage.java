package com.shop.cdc.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.shop.cdc.console.audit.AuditLog;
import com.shop.cdc.console.replay.LetterRef;
import com.shop.cdc.console.replay.ReplayJob;
import com.shop.cdc.console.replay.ReplayJobs;
import com.shop.cdc.console.services.DeadLetter;
import com.shop.cdc.console.services.ReplayResult;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
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
import java.util.ArrayList;
import java.util.List;

/** Dead letters across the services: filter, inspect, replay one, a selection or a filtered set, discard, export. */
@Path("/dead-letters")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class DeadLettersPage {

    static final int PAGE_SIZE = 50;
    static final int EXPORT_LIMIT = 200;

    private final ServiceApi services;
    private final AuditLog audit;
    private final Pages pages;
    private final Template deadLetters;
    private final Template deadLetter;
    private final Template replayJob;
    private final ReplayJobs replays;
    private final ObjectMapper json;

    public DeadLettersPage(ServiceApi services, AuditLog audit, Pages pages, Template deadLetters, Template deadLetter,
                           Template replayJob, ReplayJobs replays, ObjectMapper json) {
        this.services = services;
        this.replayJob = replayJob;
        this.replays = replays;
        this.audit = audit;
        this.pages = pages;
        this.deadLetters = deadLetters;
        this.deadLetter = deadLetter;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GET
    @RolesAllowed("viewer")
    public TemplateInstance list(@BeanParam Filter filter, @QueryParam("page") int page) {
        List<ListedLetter> letters = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long total = 0;
        for (String service : filter.services(services.names())) {
            try {
                var found = services.deadLetters(service, filter.query(), Math.max(page, 0), PAGE_SIZE);
                total += found.total();
                found.items().forEach(letter -> letters.add(new ListedLetter(service, shown(letter))));
            } catch (ServiceCallException e) {
                errors.add(e.getMessage());
            }
        }
        return pages.page(deadLetters).data("letters", letters).data("total", total).data("errors", errors)
                .data("filter", filter).data("services", services.names()).data("page", Math.max(page, 0))
                .data("contents", pages.seesContents()).data("replayLimit", replays.limit());
    }

    @GET
    @Path("{service}/{id}")
    @RolesAllowed("viewer")
    public TemplateInstance show(@PathParam("service") String service, @PathParam("id") long id) {
        DeadLetter letter = shown(services.deadLetter(service, id));
        return pages.page(deadLetter).data("service", service).data("letter", letter)
                .data("key", pretty(letter.key())).data("value", pretty(letter.value()))
                .data("headers", letter.headers() == null || letter.headers().isEmpty() ? null : pretty(letter.headers()))
                .data("violations", letter.violations() == null ? null : pretty(letter.violations()))
                .data("contents", pages.seesContents());
    }

    @POST
    @Path("{service}/{id}/replay")
    @RolesAllowed("operator")
    public TemplateInstance replay(@PathParam("service") String service, @PathParam("id") long id) {
        try {
            ReplayResult result = services.replay(service, id, pages.user());
            audit.record(pages.user(), "replay", service, "dead letter " + id, result.status());
            return pages.outcome("Replay of " + service + " #" + id, "REPLAYED".equals(result.status()),
                    List.of(describe(result)), "/dead-letters/" + service + "/" + id);
        } catch (ServiceCallException e) {
            audit.record(pages.user(), "replay", service, "dead letter " + id, e.getMessage());
            return pages.outcome("Replay of " + service + " #" + id, false, List.of(e.getMessage()), "/dead-letters");
        }
    }

    /** The NEW dead letters matching the filters, replayed in the background: to the job's page. */
    @POST
    @Path("replay")
    @RolesAllowed("operator")
    public Response replayMatching(@BeanParam Filter filter) {
        ReplayJob job = replays.startMatching(filter.services(services.names()), filter.query(), pages.user());
        return Response.seeOther(URI.create("/dead-letters/replays/" + job.id())).build();
    }

    /** The ticked dead letters ({@code service/id} each), replayed in the background: to the job's page. */
    @POST
    @Path("replay-selected")
    @RolesAllowed("operator")
    public Response replaySelected(@FormParam("letter") List<String> chosen) {
        List<LetterRef> letters = chosen == null ? List.of() : chosen.stream().map(LetterRef::parse)
                .filter(l -> l != null && services.names().contains(l.service())).toList();
        if (letters.isEmpty()) {
            return Response.ok(pages.outcome("Replay of the selected dead letters", false,
                    List.of("no dead letter was selected"), "/dead-letters")).build();
        }
        ReplayJob job = replays.startSelected(letters, pages.user());
        return Response.seeOther(URI.create("/dead-letters/replays/" + job.id())).build();
    }

    @GET
    @Path("replays/{job}")
    @RolesAllowed("operator")
    public TemplateInstance replayJob(@PathParam("job") long id) {
        return pages.page(replayJob).data("job", replays.find(id)
                .orElseThrow(() -> new NotFoundException("no replay job " + id + " in this console instance")));
    }

    @POST
    @Path("{service}/{id}/discard")
    @RolesAllowed("operator")
    public TemplateInstance discard(@PathParam("service") String service, @PathParam("id") long id,
                                    @FormParam("reason") String reason) {
        if (reason == null || reason.isBlank()) {
            return pages.outcome("Discard of " + service + " #" + id, false, List.of("a discard needs a reason"),
                    "/dead-letters/" + service + "/" + id);
        }
        try {
            DeadLetter letter = services.discard(service, id, reason.strip(), pages.user());
            audit.record(pages.user(), "discard", service, "dead letter " + id + ": " + reason.strip(), letter.status());
            return pages.outcome("Discard of " + service + " #" + id, true, List.of("now " + letter.status()),
                    "/dead-letters/" + service + "/" + id);
        } catch (ServiceCallException e) {
            audit.record(pages.user(), "discard", service, "dead letter " + id + ": " + reason.strip(), e.getMessage());
            return pages.outcome("Discard of " + service + " #" + id, false, List.of(e.getMessage()), "/dead-letters");
        }
    }

    /** The filtered dead letters, one JSON object a line, with their service; the first page of each service. */
    @GET
    @Path("export")
    @Produces("application/jsonl")
    @RolesAllowed("viewer")
    public Response export(@BeanParam Filter filter) {
        StringBuilder lines = new StringBuilder();
        for (String service : filter.services(services.names())) {
            for (DeadLetter letter : services.deadLetters(service, filter.query(), 0, EXPORT_LIMIT).items()) {
                try {
                    lines.append(json.copy().disable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(new ListedLetter(service, shown(letter)))).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Response.ok(lines.toString())
                .header("Content-Disposition", "attachment; filename=\"dead-letters.jsonl\"").build();
    }

    private DeadLetter shown(DeadLetter letter) {
        return pages.seesContents() ? letter : letter.masked();
    }

    private String pretty(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(ReplayResult result) {
        return "#" + result.id() + " " + result.status() + (result.stage() == null ? "" : " at stage " + result.stage());
    }
}
