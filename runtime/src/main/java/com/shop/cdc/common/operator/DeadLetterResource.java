package com.shop.cdc.common.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.failure.DeadLetterConfig;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterFilter;
import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import com.shop.cdc.common.failure.ledger.DeadLetterStatus;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dead-letter ledger of this service, for operators: list, show, replay after a fix, discard.
 * Every call needs an authenticated user with the operator role ({@code cdc.dead-letters.operator-role}).
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${cdc.dead-letters.operator-role}")
@Blocking
@Tag(name = "dead letters")
public class DeadLetterResource {

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_REASON = 1000;

    private final DeadLetterLedger ledger;
    private final DeadLetterReplay replay;
    private final DeadLetterConfig config;
    private final ActingOperator operator;
    private final ObjectMapper json;

    public DeadLetterResource(DeadLetterLedger ledger, DeadLetterReplay replay, DeadLetterConfig config,
                              ActingOperator operator, ObjectMapper json) {
        this.ledger = ledger;
        this.replay = replay;
        this.config = config;
        this.operator = operator;
        this.json = json;
    }

    /** A page of dead letters and how many match in all. */
    public record Page(List<DeadLetterView> items, long total, int page, int size) {
    }

    /** Why an operator discards a dead letter. */
    public record Discard(String reason) {
    }

    @GET
    @Operation(summary = "Dead letters matching the filters, oldest first (time range on the first failure, ISO-8601)")
    public Page list(@QueryParam("topic") String topic, @QueryParam("stage") String stage,
                     @QueryParam("errorClass") String errorClass, @QueryParam("status") String status,
                     @QueryParam("from") String from, @QueryParam("to") String to,
                     @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        int pageIndex = bounded("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = bounded("size", size, 50, 1, MAX_PAGE_SIZE);
        DeadLetterLedger.Listing listing = ledger.list(filter(topic, stage, errorClass, status, from, to), pageIndex,
                pageSize);
        return new Page(listing.entries().stream().map(entry -> DeadLetterView.summary(entry, json)).toList(),
                listing.total(), pageIndex, pageSize);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One dead letter with its original key, value and stack trace")
    public DeadLetterView show(@PathParam("id") long id) {
        return DeadLetterView.detail(entry(id), json);
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Replays one NEW dead letter through the current pipeline into the targets")
    public DeadLetterReplay.Result replay(@PathParam("id") long id) {
        return replay.replay(entry(id), operator());
    }

    @POST
    @Path("replay")
    @Operation(summary = "Replays the NEW dead letters matching the filters, oldest first, up to cdc.dead-letters.replay-limit")
    public List<DeadLetterReplay.Result> replayMatching(@QueryParam("topic") String topic,
                                                       @QueryParam("stage") String stage,
                                                       @QueryParam("errorClass") String errorClass,
                                                       @QueryParam("from") String from, @QueryParam("to") String to) {
        DeadLetterFilter filter = filter(topic, stage, errorClass, DeadLetterStatus.NEW.name(), from, to);
        return ledger.list(filter, 0, config.replayLimit()).entries().stream()
                .map(entry -> replay.replay(entry, operator())).toList();
    }

    @POST
    @Path("{id}/discard")
    @Operation(summary = "Discards one dead letter, with the operator's reason")
    public DeadLetterView discard(@PathParam("id") long id, Discard discard) {
        if (discard == null || discard.reason() == null || discard.reason().isBlank()) {
            throw new BadRequestException("a discard needs a reason: {\"reason\": \"...\"}");
        }
        if (discard.reason().length() > MAX_REASON) {
            throw new BadRequestException("reason is longer than " + MAX_REASON + " characters");
        }
        entry(id);
        ledger.discarded(id, operator(), discard.reason());
        return DeadLetterView.detail(entry(id), json);
    }

    @ServerExceptionMapper
    public Response unavailable(TargetUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(e.getMessage())).build();
    }

    /** An error, in a body a client can show. */
    public record Problem(String error) {
    }

    private DeadLetterEntry entry(long id) {
        return ledger.find(id).orElseThrow(() -> new NotFoundException("no dead letter " + id));
    }

    private String operator() {
        return operator.name();
    }

    private static DeadLetterFilter filter(String topic, String stage, String errorClass, String status, String from,
                                           String to) {
        return new DeadLetterFilter(text("topic", topic), text("stage", stage), text("errorClass", errorClass),
                status(status), instant("from", from), instant("to", to));
    }

    private static String text(String name, String value) {
        if (value != null && value.length() > 255) {
            throw new BadRequestException(name + " is longer than 255 characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static DeadLetterStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeadLetterStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of " + List.of(DeadLetterStatus.values()) + ", not " + value);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-11-25T08:00:00Z, not " + value);
        }
    }

    private static int bounded(String name, Integer value, int fallback, int min, int max) {
        int chosen = value == null ? fallback : value;
        if (chosen < min || chosen > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max);
        }
        return chosen;
    }
}
