package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.target.WriteOutcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Documents per second into the local Elasticsearch through the writer, against a raw {@code _bulk}
 * load of the same documents from a file (the ceiling), for unique keys and for repeated keys.
 * Run by {@code dev/bench-index}; bounded by a count and a time limit per measurement.
 */
public final class IndexBenchmark {

    private static final SourceTable PRODUCTS = new SourceTable("catalog", null, "products");
    private static final SourceTable ORDERS = new SourceTable("shop_orders", null, "orders");
    private static final SourceTable ITEMS = new SourceTable("shop_orders", null, "order_items");
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final Logger QUIET = Logger.getLogger("com.shop.cdc");

    private final int count;
    private final int rounds;
    private final int batchSize;
    private final Duration limit;
    private final BulkLimits bulk;
    private final int rawMaxActions;
    private final RestClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Path work;

    private IndexBenchmark(int count, int rounds, int batchSize, Duration limit, BulkLimits bulk, int rawMaxActions,
                           RestClient client, Path work) {
        this.count = count;
        this.rounds = rounds;
        this.batchSize = batchSize;
        this.limit = limit;
        this.bulk = bulk;
        this.rawMaxActions = rawMaxActions;
        this.client = client;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(Level.WARNING); // index creation is logged at INFO
        int count = Integer.getInteger("bench.count", 50_000);
        int keys = Integer.getInteger("bench.repeated-keys", 100);
        int batchSize = Integer.getInteger("bench.batch", 2000);
        Duration limit = Duration.ofSeconds(Long.getLong("bench.seconds", 120));
        BulkLimits bulk = new BulkLimits(Integer.getInteger("bench.max-actions", 500), 5 * 1024 * 1024,
                Integer.getInteger("bench.concurrency", 2), 3, Duration.ofMillis(200));
        Path work = Files.createDirectories(Path.of("target", "bench-index"));
        try (RestClient client = RestClient.builder(new HttpHost("127.0.0.1", 9200)).build()) {
            IndexBenchmark bench = new IndexBenchmark(count, Integer.getInteger("bench.rounds", 3), batchSize, limit, bulk,
                    Integer.getInteger("bench.raw-max-actions", bulk.maxActions()), client, work);
            bench.warmUp();
            System.out.printf("%-22s %8s %12s %12s %7s %10s %10s%n", "case", "changes", "writer/s", "raw bulk/s",
                    "ratio", "batch p50", "batch p99");
            bench.report("unique keys", products(count, count));
            bench.report("repeated keys (" + keys + ")", products(count, keys));
            bench.report("one key", products(count, 1));
            bench.report("orders with lines", orders(count));
        }
    }

    private void warmUp() throws IOException {
        new IndexBenchmark(Math.min(count, 5_000), 1, batchSize, limit, bulk, rawMaxActions, client, work)
                .measure(products(Math.min(count, 5_000), Math.min(count, 5_000)));
    }

    private void report(String name, List<ChangeEvent> changes) throws IOException {
        Result result = measure(changes);
        System.out.printf("%-22s %8d %12.0f %12.0f %6.0f%% %8.1fms %8.1fms%n", name, result.changes, result.writerRate,
                result.rawRate, 100 * result.writerRate / result.rawRate, result.p50, result.p99);
    }

    private record Result(int changes, double writerRate, double rawRate, double p50, double p99) {
    }

    /** Writer and raw load alternate, each round into fresh indexes; the medians are reported (the machine is shared). */
    private Result measure(List<ChangeEvent> changes) throws IOException {
        List<Double> writerRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        int written = 0;
        for (int round = 0; round < rounds; round++) {
            String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            try {
                ElasticsearchChangeWriter writer = new ElasticsearchChangeWriter(new ElasticsearchHttp(client, json),
                        new IndexerSettings(prefix, 0, 2, bulk, Duration.ofSeconds(2), new Sources(PRODUCTS.qualifiedName(),
                                "shop.public.users", "shop_orders.orders", "shop_orders.order_items"),
                                Map.of(SearchIndex.PRODUCTS, 1, SearchIndex.USERS, 1, SearchIndex.ORDERS, 1), Set.of("phone")));
                writer.setUp();
                // Same template, so the same mapping, as the writer's index.
                String rawIndex = prefix + (changes.get(0).table().equals(PRODUCTS) ? "products" : "orders") + "-v9";
                http("PUT", "/" + rawIndex, "{}");
                Path file = writeRawFile(changes, rawIndex);
                written = 0;
                long start = System.nanoTime();
                for (int from = 0; from < changes.size() && !expired(start); from += batchSize) {
                    List<ChangeEvent> batch = changes.subList(from, Math.min(changes.size(), from + batchSize));
                    long batchStart = System.nanoTime();
                    List<WriteOutcome> outcomes = writer.write(batch);
                    latencies.add((System.nanoTime() - batchStart) / 1e6);
                    if (outcomes.stream().anyMatch(WriteOutcome::isRejected)) {
                        throw new IllegalStateException("a benchmark document was rejected: " + outcomes);
                    }
                    written += batch.size();
                }
                writerRates.add(written / ((System.nanoTime() - start) / 1e9));
                rawRates.add(rawLoad(file, written));
            } finally {
                http("DELETE", "/" + prefix + "*", null);
                for (SearchIndex index : SearchIndex.values()) {
                    http("DELETE", "/_index_template/" + prefix + index.baseName(), null);
                }
            }
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(written, median(writerRates), median(rawRates), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * The documents the writer would send, built by its own code, one index action per change, as
     * NDJSON: products with their position as external version, orders as their document after the change.
     */
    private Path writeRawFile(List<ChangeEvent> changes, String index) throws IOException {
        Path file = work.resolve(index + ".ndjson");
        Map<Object, OrderDocument> orders = new LinkedHashMap<>();
        OrderDocuments orderDocuments = new OrderDocuments(2);
        ProductDocuments products = new ProductDocuments(2);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ChangeEvent change : changes) {
                if (!change.table().equals(PRODUCTS)) {
                    boolean order = change.table().equals(ORDERS);
                    Object id = order ? change.key().get("id") : change.key().get("order_id");
                    OrderDocument document = orders.computeIfAbsent(id, OrderDocument::empty);
                    if (order) {
                        document.order(change.position().value(), orderDocuments.order(change.after()), "u", null);
                    } else {
                        document.line((Long) change.key().get("line_no"), change.position().value(),
                                orderDocuments.line(change.after()));
                    }
                    out.write(json.writeValueAsString(Map.of("index", Map.of("_index", index, "_id", id))));
                    out.write('\n');
                    out.write(json.writeValueAsString(document.toSource()));
                    out.write('\n');
                    continue;
                }
                Map<String, Object> document = products.fields(change.after());
                document.put(Bookkeeping.FIELD, Bookkeeping.of(change, false));
                out.write(json.writeValueAsString(Map.of("index", Map.of("_index", index,
                        "_id", change.key().get("_id"), "version", change.position().value(), "version_type", "external"))));
                out.write('\n');
                out.write(json.writeValueAsString(document));
                out.write('\n');
            }
        }
        return file;
    }

    /** The first {@code changes} actions of the file as plain {@code _bulk} requests, as many in flight as the writer's. */
    private double rawLoad(Path file, int changes) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).subList(0, 2 * changes);
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += 2 * rawMaxActions) {
            bodies.add((String.join("\n", lines.subList(from, Math.min(lines.size(), from + 2 * rawMaxActions)))
                    + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(bulk.maxConcurrentRequests());
        long start = System.nanoTime();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] body : bodies) {
                sent.add(pool.submit(() -> {
                    Request request = new Request("POST", "/_bulk");
                    request.setEntity(new NByteArrayEntity(body, NDJSON));
                    client.performRequest(request).getEntity().getContent().close();
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IOException("raw bulk load failed", e);
        } finally {
            pool.shutdown();
        }
        return changes / ((System.nanoTime() - start) / 1e9);
    }

    private boolean expired(long start) {
        return System.nanoTime() - start > limit.toNanos();
    }

    /** {@code count} product changes over {@code keys} products, positions growing as MongoDB's cluster time. */
    private static List<ChangeEvent> products(int count, int keys) {
        List<ChangeEvent> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i % keys;
            String id = String.format("65a1b2c3d4e5f6a7%08x", n);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("_id", id);
            row.put("sku", "SKU-" + n);
            row.put("name", "Product " + n + " r" + i);
            row.put("description", "A fine product number " + n);
            row.put("category", new String[] {"shoes", "bags", "electronics", "books", "garden"}[n % 5]);
            row.put("price", BigDecimal.valueOf(100 + (long) n * 7 + i % 1000, 2));
            row.put("stock", (long) (i % 10_000));
            row.put("rating", i % 5 + 0.5);
            row.put("created_at", Instant.ofEpochMilli(1_700_000_000_000L + n * 1000L));
            row.put("tags", Arrays.asList("tag" + n % 5, null));
            SourcePosition position = SourcePosition.mongo(1_700_000_000L + i / 200, i % 200 + 1, false);
            changes.add(new ChangeEvent(PRODUCTS, Map.of("_id", id), Operation.UPDATE, null, row, position,
                    Instant.now(), null, false, new KafkaCoordinates("bench", 0, i, 0), Map.of()));
        }
        return changes;
    }

    /** Orders as MariaDB writes them: the row, three lines, then a status change; positions growing as the binlog. */
    private static List<ChangeEvent> orders(int count) {
        List<ChangeEvent> changes = new ArrayList<>(count);
        for (int i = 0; changes.size() < count; i++) {
            long order = i / 5;
            int step = i % 5;
            SourcePosition position = SourcePosition.binlog(1, 4 + 100L * i, 0, false);
            if (step == 0 || step == 4) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", order);
                row.put("user_id", order % 1000);
                row.put("status", step == 0 ? "PENDING" : "PAID");
                row.put("total", BigDecimal.valueOf(1000 + order, 2));
                row.put("currency", "EUR");
                row.put("created_at", Instant.ofEpochMilli(1_700_000_000_000L + order));
                changes.add(new ChangeEvent(ORDERS, Map.of("id", order), step == 0 ? Operation.CREATE : Operation.UPDATE,
                        null, row, position, Instant.now(), null, false, new KafkaCoordinates("bench", 0, i, 0), Map.of()));
            } else {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("order_id", order);
                row.put("line_no", (long) step);
                row.put("product_id", String.format("65a1b2c3d4e5f6a7%08x", i % 5000));
                row.put("quantity", (long) step);
                row.put("unit_price", BigDecimal.valueOf(995, 2));
                changes.add(new ChangeEvent(ITEMS, Map.of("order_id", order, "line_no", (long) step), Operation.CREATE,
                        null, row, position, Instant.now(), null, false, new KafkaCoordinates("bench", 0, i, 0), Map.of()));
            }
        }
        return changes;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private void http(String method, String endpoint, String body) throws IOException {
        Request request = new Request(method, endpoint);
        request.addParameter("ignore", "404");
        if (body != null) {
            request.setJsonEntity(body);
        }
        client.performRequest(request);
    }
}
