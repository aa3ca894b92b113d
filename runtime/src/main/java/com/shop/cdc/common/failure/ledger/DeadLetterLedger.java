package com.shop.cdc.common.failure.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.DeadLetterHeaders;
import com.shop.cdc.common.service.ServiceName;
import com.shop.cdc.common.target.TargetUnavailableException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dead-letter ledger in PostgreSQL, for the records of this service. Blocking methods, for the
 * consumer's worker threads and the API's: each runs its reactive transaction on a Vert.x context
 * of its own and waits for it.
 */
@ApplicationScoped
public class DeadLetterLedger {

    public static final String TARGET = "dead-letter-ledger";
    /** Longer than any healthy transaction of a batch's dead letters; a hung database fails it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String service;
    private final ObjectMapper json;
    private final LedgerSchema schema;

    public DeadLetterLedger(ServiceName service, ObjectMapper json,
                            LedgerSchema schema) {
        this.service = service.value();
        this.json = json;
        this.schema = schema;
    }

    public String service() {
        return service;
    }

    /**
     * Records failures: a new row per record, or the row of a record that failed before, with its
     * attempt count raised and its status back to NEW. Returns, per letter, its row, its attempt
     * count and whether the dead-letter topic still lacks this failure.
     *
     * @throws TargetUnavailableException when the ledger cannot be written
     */
    public List<Recorded> record(List<DeadLetter> letters) {
        schema.ensureCurrent();
        return transaction(() -> recordAll(letters, 0, new ArrayList<>()));
    }

    /** A failure as kept: {@code unpublished} unless the topic already has this very failure of the record. */
    public record Recorded(long id, int attempts, boolean unpublished) {
    }

    /** The dead-letter topic acknowledged these failures. */
    public void published(List<Long> ids) {
        if (!ids.isEmpty()) {
            transaction(() -> DeadLetterEntry.update("publishedAt = ?1 where id in ?2", Instant.now(), ids));
        }
    }

    private Uni<List<Recorded>> recordAll(List<DeadLetter> letters, int index, List<Recorded> recorded) {
        if (index == letters.size()) {
            return Uni.createFrom().item(recorded);
        }
        DeadLetter letter = letters.get(index);
        var origin = letter.record().origin();
        return DeadLetterEntry.<DeadLetterEntry>find("service = ?1 and sourceTopic = ?2 and sourcePartition = ?3"
                        + " and sourceOffset = ?4 and sourceTimestamp = ?5", service, origin.topic(), origin.partition(),
                        origin.offset(), Instant.ofEpochMilli(origin.timestamp()))
                .firstResult()
                .map(found -> found != null ? found : newEntry(letter))
                .flatMap(entry -> {
                    boolean alreadyPublished = entry.publishedAt != null && entry.status == DeadLetterStatus.NEW
                            && Objects.equals(entry.stage, letter.stage()) && Objects.equals(entry.message, letter.message());
                    failed(entry, letter);
                    if (!alreadyPublished) {
                        entry.publishedAt = null;
                    }
                    return entry.<DeadLetterEntry>persist();
                })
                .flatMap(entry -> {
                    recorded.add(new Recorded(entry.id, entry.attempts, entry.publishedAt == null));
                    return recordAll(letters, index + 1, recorded);
                });
    }

    public Optional<DeadLetterEntry> find(long id) {
        return Optional.ofNullable(transaction(() -> DeadLetterEntry.<DeadLetterEntry>find("id = ?1 and service = ?2",
                id, service).firstResult()));
    }

    /** A page of matching dead letters, oldest first, and how many match in all. */
    public record Listing(List<DeadLetterEntry> entries, long total) {
    }

    public Listing list(DeadLetterFilter filter, int page, int size) {
        Query query = query(filter);
        return transaction(() -> DeadLetterEntry.<DeadLetterEntry>find(query.where(), Sort.by("firstFailedAt").and("id"),
                        query.parameters())
                .page(Page.of(page, size)).list()
                .flatMap(entries -> DeadLetterEntry.count(query.where(), query.parameters())
                        .map(total -> new Listing(entries, total))));
    }

    /** The replayed record reached every target. */
    public void replayed(long id, String operator) {
        resolve(id, DeadLetterStatus.REPLAYED, operator, "replayed");
    }

    /** The replay failed again: the row stays NEW, with the new failure. */
    public void failedAgain(long id, DeadLetter letter) {
        transaction(() -> DeadLetterEntry.<DeadLetterEntry>findById(id).flatMap(entry -> {
            failed(entry, letter);
            return entry.persist();
        }));
    }

    public void discarded(long id, String operator, String reason) {
        resolve(id, DeadLetterStatus.DISCARDED, operator, reason);
    }

    /** How many dead letters of this service stand at each status. */
    public Map<DeadLetterStatus, Long> countByStatus() {
        Map<DeadLetterStatus, Long> counts = new EnumMap<>(DeadLetterStatus.class);
        for (DeadLetterStatus status : DeadLetterStatus.values()) {
            counts.put(status, transaction(() -> DeadLetterEntry.count("service = ?1 and status = ?2", service, status)));
        }
        return counts;
    }

    private void resolve(long id, DeadLetterStatus status, String operator, String resolution) {
        transaction(() -> DeadLetterEntry.<DeadLetterEntry>findById(id).flatMap(entry -> {
            entry.status = status;
            entry.resolvedBy = operator;
            entry.resolvedAt = Instant.now();
            entry.resolution = resolution;
            return entry.persist();
        }));
    }

    private DeadLetterEntry newEntry(DeadLetter letter) {
        var origin = letter.record().origin();
        DeadLetterEntry entry = new DeadLetterEntry();
        entry.service = service;
        entry.sourceTopic = origin.topic();
        entry.sourcePartition = origin.partition();
        entry.sourceOffset = origin.offset();
        entry.sourceTimestamp = Instant.ofEpochMilli(origin.timestamp());
        entry.recordKey = letter.record().key();
        entry.recordValue = letter.record().value();
        entry.recordHeaders = headers(letter.record().headers());
        entry.firstFailedAt = letter.failedAt();
        return entry;
    }

    private void failed(DeadLetterEntry entry, DeadLetter letter) {
        entry.stage = letter.stage();
        entry.errorClass = letter.errorClass();
        entry.message = letter.message();
        entry.field = letter.field();
        entry.stackTrace = letter.stackTrace();
        entry.violations = DeadLetterHeaders.violations(letter, json);
        entry.lastFailedAt = letter.failedAt();
        entry.attempts++;
        entry.status = DeadLetterStatus.NEW;
        entry.resolvedBy = null;
        entry.resolvedAt = null;
        entry.resolution = null;
    }

    private String headers(Map<String, byte[]> headers) {
        Map<String, String> encoded = new LinkedHashMap<>();
        headers.forEach((name, value) -> encoded.put(name, value == null ? null : Base64.getEncoder().encodeToString(value)));
        try {
            return json.writeValueAsString(encoded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always serialise", e);
        }
    }

    /** The original headers of an entry, decoded. */
    public Map<String, byte[]> headers(DeadLetterEntry entry) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        try {
            json.readTree(entry.recordHeaders).properties().forEach(field -> decoded.put(field.getKey(),
                    field.getValue().isNull() ? null : Base64.getDecoder().decode(field.getValue().asText())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger wrote these headers itself", e);
        }
        return decoded;
    }

    private record Query(String where, Parameters parameters) {
    }

    private Query query(DeadLetterFilter filter) {
        StringBuilder where = new StringBuilder("service = :service");
        Parameters parameters = Parameters.with("service", service);
        if (filter.topic() != null) {
            where.append(" and sourceTopic = :topic");
            parameters.and("topic", filter.topic());
        }
        if (filter.stage() != null) {
            where.append(" and stage = :stage");
            parameters.and("stage", filter.stage());
        }
        if (filter.errorClass() != null) {
            where.append(" and errorClass = :errorClass");
            parameters.and("errorClass", filter.errorClass());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.from() != null) {
            where.append(" and firstFailedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and firstFailedAt < :to");
            parameters.and("to", filter.to());
        }
        return new Query(where.toString(), parameters);
    }

    private static <T> T transaction(Supplier<Uni<T>> work) {
        try {
            // Bounded: a ledger database that hangs (connections open, no answer) is an outage, not a wait forever.
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work).ifNoItem().after(TIMEOUT).fail());
        } catch (Throwable e) {
            throw new TargetUnavailableException(TARGET, e);
        }
    }
}
