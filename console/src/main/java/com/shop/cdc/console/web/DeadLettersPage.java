package com.shop.cdc.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.shop.cdc.console.audit.AuditLog;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Dead letters across the services: filter, inspect, replay one or a filtered set, discard, export. */
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
    private final ObjectMapper json;

    public DeadLettersPage(ServiceApi services, AuditLog audit, Pages pages, Template deadLetters, Template deadLetter,
                           ObjectMapper json) {
        this.services = services;
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
                .data("contents", pages.seesContents());
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

    @POST
    @Path("replay")
    @RolesAllowed("operator")
    public TemplateInstance replayMatching(@BeanParam Filter filter) {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (String service : filter.services(services.names())) {
            String subject = "NEW dead letters matching " + filter.query().withStatus(null).queryString();
            try {
                List<ReplayResult> results = services.replayMatching(service, filter.query(), pages.user());
                String counts = results.stream().collect(Collectors.groupingBy(ReplayResult::status, Collectors.counting()))
                        .toString();
                audit.record(pages.user(), "replay matching", service, subject, counts);
                lines.add(service + ": " + results.size() + " replayed " + counts);
                results.stream().filter(r -> !"REPLAYED".equals(r.status())).forEach(r -> lines.add("  " + describe(r)));
            } catch (ServiceCallException e) {
                ok = false;
                audit.record(pages.user(), "replay matching", service, subject, e.getMessage());
                lines.add(e.getMessage());
            }
        }
        return pages.outcome("Replay of the filtered dead letters", ok, lines, "/dead-letters");
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
