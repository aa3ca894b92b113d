package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.target.TargetUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;

/**
 * Sends actions as {@code _bulk} requests cut by count and bytes, a bounded number at once, and
 * returns one result per action in order. Items that fail transiently (429, 5xx, a missing alias,
 * a write block, a lost connection) are sent again, alone, with a doubling pause (at most 5 s);
 * still failing after the last
 * round, the whole write fails as unavailable and is retried by the caller.
 */
final class BulkSender {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    /** Refusals that say nothing about the document: a missing alias or index, a write block (403 or 429). */
    private static final Set<String> NOT_THE_RECORDS_FAULT = Set.of("index_not_found_exception", "cluster_block_exception");
    private static final long MAX_PAUSE_MILLIS = 5_000;
    /** Below this many actions per request, spreading a write over concurrent requests costs more than it gains. */
    private static final int MIN_SPREAD_ACTIONS = 50;

    private final ElasticsearchHttp http;
    private final BulkLimits limits;

    BulkSender(ElasticsearchHttp http, BulkLimits limits) {
        this.http = http;
        this.limits = limits;
    }

    List<ItemResult> send(List<BulkAction> actions) {
        ItemResult[] results = new ItemResult[actions.size()];
        if (actions.isEmpty()) {
            return List.of();
        }
        List<byte[]> encoded = actions.stream().map(this::encode).toList();
        List<Integer> pending = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            pending.add(i);
        }
        for (int round = 0; ; round++) {
            Failures failures = sendRound(pending, encoded, results);
            if (failures.indexes.isEmpty()) {
                return Arrays.asList(results);
            }
            if (round >= limits.retries()) {
                throw new TargetUnavailableException(ElasticsearchHttp.TARGET, new IOException(failures.indexes.size()
                        + " of " + actions.size() + " bulk items still failing after " + (round + 1) + " rounds: "
                        + failures.lastReason.get()));
            }
            pause(round);
            pending = new ArrayList<>(failures.indexes);
            Collections.sort(pending);
        }
    }

    private byte[] encode(BulkAction action) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(http.bytes(action.meta()));
        out.write('\n');
        if (action.document() != null) {
            out.writeBytes(http.bytes(action.document()));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private Failures sendRound(List<Integer> pending, List<byte[]> encoded, ItemResult[] results) {
        List<List<Integer>> chunks = chunks(pending, encoded);
        Failures failures = new Failures();
        Semaphore inFlight = new Semaphore(limits.maxConcurrentRequests());
        CountDownLatch done = new CountDownLatch(chunks.size());
        try {
            for (List<Integer> chunk : chunks) {
                inFlight.acquire();
                http.client().performRequestAsync(request(chunk, encoded), new ResponseListener() {
                    @Override
                    public void onSuccess(Response response) {
                        try {
                            read(response, chunk, results, failures);
                        } catch (IOException | RuntimeException e) {
                            failures.all(chunk, e.toString());
                        } finally {
                            inFlight.release();
                            done.countDown();
                        }
                    }

                    @Override
                    public void onFailure(Exception e) {
                        failures.all(chunk, e.toString());
                        inFlight.release();
                        done.countDown();
                    }
                });
            }
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException(ElasticsearchHttp.TARGET, e);
        }
        return failures;
    }

    /** Requests of at most max-actions and max-bytes; a smaller write is spread over the concurrent requests. */
    private List<List<Integer>> chunks(List<Integer> pending, List<byte[]> encoded) {
        int perRequest = Math.min(limits.maxActions(), Math.max(MIN_SPREAD_ACTIONS,
                (pending.size() + limits.maxConcurrentRequests() - 1) / limits.maxConcurrentRequests()));
        List<List<Integer>> chunks = new ArrayList<>();
        List<Integer> chunk = new ArrayList<>();
        long bytes = 0;
        for (int index : pending) {
            int size = encoded.get(index).length;
            if (!chunk.isEmpty() && (chunk.size() >= perRequest || bytes + size > limits.maxBytes())) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(index);
            bytes += size;
        }
        chunks.add(chunk);
        return chunks;
    }

    private static Request request(List<Integer> chunk, List<byte[]> encoded) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        chunk.forEach(index -> body.writeBytes(encoded.get(index)));
        Request request = new Request("POST", "/_bulk");
        // Only what an outcome needs: Elasticsearch writes, and this side parses, a fraction of the answer.
        request.addParameter("filter_path", "errors,items.*.status,items.*.error");
        request.setEntity(new NByteArrayEntity(body.toByteArray(), NDJSON));
        return request;
    }

    private void read(Response response, List<Integer> chunk, ItemResult[] results, Failures failures) throws IOException {
        JsonNode items = http.parse(response).path("items");
        if (items.size() != chunk.size()) {
            throw new IOException("bulk answered " + items.size() + " items for " + chunk.size() + " actions");
        }
        for (int i = 0; i < chunk.size(); i++) {
            JsonNode item = items.get(i).elements().next();
            int status = item.path("status").asInt();
            JsonNode error = item.path("error");
            if (status < 300 || (status == 404 && error.isMissingNode())) {
                results[chunk.get(i)] = ItemResult.DONE;
            } else if (status == 409) {
                results[chunk.get(i)] = ItemResult.CONFLICT;
            } else if (ElasticsearchHttp.isTransient(status) || NOT_THE_RECORDS_FAULT.contains(error.path("type").asText())) {
                failures.one(chunk.get(i), status + " " + reason(error));
            } else {
                results[chunk.get(i)] = new ItemResult.Refused(reason(error));
            }
        }
    }

    /** Elasticsearch's error type and reason, with the first cause: what the dead letter shows. */
    static String reason(JsonNode error) {
        String reason = error.path("type").asText() + ": " + error.path("reason").asText();
        JsonNode cause = error.path("caused_by");
        return cause.isMissingNode() ? reason
                : reason + " (caused by " + cause.path("type").asText() + ": " + cause.path("reason").asText() + ")";
    }

    private void pause(int round) {
        long base = Math.min(MAX_PAUSE_MILLIS, limits.backoff().toMillis() << Math.min(round, 16));
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException(ElasticsearchHttp.TARGET, e);
        }
    }

    /** Items of one round to send again, gathered from the client's I/O threads. */
    private static final class Failures {
        final List<Integer> indexes = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<String> lastReason = new AtomicReference<>();

        void one(int index, String reason) {
            indexes.add(index);
            lastReason.set(reason);
        }

        void all(List<Integer> chunk, String reason) {
            indexes.addAll(chunk);
            lastReason.set(reason);
        }
    }
}
