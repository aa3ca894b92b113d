package com.shop.cdc.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import com.shop.cdc.console.services.SourceChange;
import com.shop.cdc.console.services.TargetRow;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A key looked at closely, through the owning service: the source record of its latest change as the
 * service's pipeline makes of it now, and what each target holds under the key that change names there.
 * Reached from a reconciliation's listed key, a dead letter, or the form on the reconciliation page.
 */
@Path("/lookup")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class LookupPage {

    private final ServiceApi services;
    private final Pages pages;
    private final ObjectMapper json;
    private final Template lookup;

    public LookupPage(ServiceApi services, Pages pages, ObjectMapper json, Template lookup) {
        this.services = services;
        this.pages = pages;
        this.json = json;
        this.lookup = lookup;
    }

    /** The source record, or why it could not be read; contents null when masked. */
    public record Source(SourceChange change, String row, String error) {
    }

    /**
     * One target's answer.
     *
     * @param relation how its position stands to the source's: {@code same}, {@code older}, {@code newer}, or null
     */
    public record Held(String target, String key, TargetRow row, String contents, String relation, String error) {
    }

    @GET
    @RolesAllowed("viewer")
    public Response show(@QueryParam("service") String service, @QueryParam("target") String target,
                         @QueryParam("key") String key, @QueryParam("topic") String topic,
                         @QueryParam("partition") String partitionText, @QueryParam("offset") String offsetText) {
        // text, not numbers: the form sends empty fields, and a number JAX-RS cannot convert would be a bare 404
        Integer partition = number(partitionText, Integer::valueOf);
        Long offset = number(offsetText, Long::valueOf);
        boolean byKey = present(target) && present(key);
        boolean byRecord = present(topic) && partition != null && offset != null;
        if (!present(service) || !services.names().contains(service) || !byKey && !byRecord) {
            return Response.status(Response.Status.BAD_REQUEST).entity(pages.outcome("Lookup", false, List.of(
                    "name a service (" + String.join(", ", services.names()) + ") and either a target and a key"
                            + " or a source record: topic, partition and offset (whole numbers)"), "/reconciliation"))
                    .build();
        }
        Source source = byRecord ? source(service, topic, partition, offset) : null;
        Map<String, String> keys = new LinkedHashMap<>();
        if (byKey) {
            keys.put(target, key);
        }
        if (source != null && source.change() != null && source.change().keys() != null) {
            source.change().keys().forEach(keys::putIfAbsent);
        }
        Long position = source == null || source.change() == null ? null : source.change().position();
        List<Held> held = new ArrayList<>();
        keys.forEach((name, named) -> held.add(held(service, name, named, position)));
        return Response.ok(pages.page(lookup).data("service", service).data("source", source).data("held", held)
                .data("contents", pages.seesContents())).build();
    }

    private Source source(String service, String topic, int partition, long offset) {
        try {
            return services.sourceChange(service, topic, partition, offset)
                    .map(change -> pages.seesContents() ? new Source(change, pretty(change.row()), null)
                            : new Source(masked(change), null, null))
                    .orElse(new Source(null, null, "no record at " + topic + " partition " + partition + " offset "
                            + offset + " in " + service + "'s source topics (not one of them, compacted away or"
                            + " past the end)"));
        } catch (ServiceCallException e) {
            return new Source(null, null, e.getMessage());
        }
    }

    private Held held(String service, String target, String key, Long sourcePosition) {
        try {
            return services.targetRow(service, target, key).map(row -> new Held(target, key, row,
                            pages.seesContents() ? pretty(row.row()) : null, relation(row.position(), sourcePosition), null))
                    .orElse(new Held(target, key, null, null, null, null));
        } catch (ServiceCallException e) {
            return new Held(target, key, null, null, null, e.getMessage());
        }
    }

    private static String relation(long position, Long source) {
        if (source == null) {
            return null;
        }
        return position == source ? "same" : position < source ? "older" : "newer";
    }

    /** A viewer sees where the record is and what became of it, not what it holds or why it was refused. */
    private static SourceChange masked(SourceChange change) {
        return new SourceChange(change.topic(), change.partition(), change.offset(), change.timestamp(),
                change.outcome(), null, change.table(), change.operation(), change.position(), null, change.keys());
    }

    private String pretty(String row) {
        try {
            return row == null ? null : json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(row));
        } catch (JsonProcessingException e) {
            return row; // not JSON after all: shown as the service gave it
        }
    }

    private static <T> T number(String text, Function<String, T> parser) {
        try {
            return present(text) ? parser.apply(text.strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
