package com.shop.cdc.console.replay;

import com.shop.cdc.console.ConsoleConfig;
import com.shop.cdc.console.audit.AuditLog;
import com.shop.cdc.console.services.DeadLetter;
import com.shop.cdc.console.services.DeadLetterQuery;
import com.shop.cdc.console.services.ReplayResult;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Replays a selection or a filtered set of dead letters in the background, one call to the owning
 * service per dead letter so that the page can show how far it got; at most {@code console.replay-limit}
 * a job. Each job is audited when it ends, naming the person; the services' ledgers name them per dead
 * letter. The latest {@value #KEPT} jobs are kept in this instance's memory.
 */
@ApplicationScoped
public class ReplayJobs {

    static final int KEPT = 50;
    private static final int PAGE = 200;
    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);

    private final ServiceApi services;
    private final AuditLog audit;
    private final ManagedExecutor executor;
    private final int limit;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ReplayJob> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ReplayJob> eldest) {
            return size() > KEPT;
        }
    };

    public ReplayJobs(ServiceApi services, AuditLog audit, ManagedExecutor executor, ConsoleConfig config) {
        this.services = services;
        this.audit = audit;
        this.executor = executor;
        this.limit = config.replayLimit();
    }

    /** Replays the chosen dead letters (the first {@code console.replay-limit} of them). */
    public ReplayJob startSelected(List<LetterRef> letters, String person) {
        List<LetterRef> chosen = letters.stream().distinct().limit(limit).toList();
        ReplayJob job = register(person, "the " + chosen.size() + " selected");
        executor.execute(() -> run(job, "replay selected", () -> chosen));
        return job;
    }

    /** Replays the NEW dead letters of these services matching the query, oldest first, up to the limit. */
    public ReplayJob startMatching(List<String> serviceNames, DeadLetterQuery query, String person) {
        DeadLetterQuery newOnes = query.withStatus("NEW");
        String filters = newOnes.withStatus(null).queryString();
        ReplayJob job = register(person, "the NEW ones of " + String.join(", ", serviceNames)
                + (filters.isEmpty() ? "" : " matching " + filters));
        executor.execute(() -> run(job, "replay matching", () -> matching(job, serviceNames, newOnes)));
        return job;
    }

    /** How many dead letters a job replays at most. */
    public int limit() {
        return limit;
    }

    public Optional<ReplayJob> find(long id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private ReplayJob register(String person, String what) {
        ReplayJob job = new ReplayJob(ids.incrementAndGet(), person, what);
        synchronized (jobs) {
            jobs.put(job.id(), job);
        }
        return job;
    }

    private List<LetterRef> matching(ReplayJob job, List<String> serviceNames, DeadLetterQuery query) {
        List<LetterRef> found = new ArrayList<>();
        for (String service : serviceNames) {
            try {
                // replays change what is NEW, so the whole list is taken before the first replay
                for (int page = 0; found.size() < limit; page++) {
                    List<DeadLetter> items = services.deadLetters(service, query, page, PAGE).items();
                    items.stream().limit(limit - found.size()).forEach(l -> found.add(new LetterRef(service, l.id())));
                    if (items.size() < PAGE) {
                        break;
                    }
                }
            } catch (ServiceCallException e) {
                job.problem(e.getMessage());
            }
        }
        return found;
    }

    private void run(ReplayJob job, String action, Supplier<List<LetterRef>> letters) {
        try {
            List<LetterRef> chosen = letters.get();
            job.total(chosen.size());
            for (LetterRef letter : chosen) {
                replay(job, letter);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "replay job %d", job.id());
            job.problem(e.toString());
        } finally {
            // audited first: whoever sees the job finished finds its audit too
            audit.record(job.startedBy(), action, null, "job " + job.id() + ": " + job.what(), job.progress());
            job.finished();
        }
    }

    private void replay(ReplayJob job, LetterRef letter) {
        try {
            ReplayResult result = services.replay(letter.service(), letter.id(), job.startedBy());
            if ("REPLAYED".equals(result.status())) {
                job.replayed();
            } else {
                job.failed(letter + " " + result.status() + (result.stage() == null ? "" : " at stage " + result.stage()));
            }
        } catch (ServiceCallException e) {
            job.failed(letter + ": " + e.getMessage());
        }
    }
}
