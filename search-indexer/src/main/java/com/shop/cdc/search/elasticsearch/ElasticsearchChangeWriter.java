package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.http.client.config.RequestConfig;
import org.elasticsearch.client.RequestOptions;

/**
 * Keeps the {@code products}, {@code users} and {@code orders} indexes equal to the source:
 * products and users one document per key guarded by external versions ({@link KeyedIndexing}),
 * orders with their lines by read-modify-write ({@link OrderIndexing}). A truncate is a position
 * barrier: what is older is marked deleted, what is newer stays, and older changes arriving later
 * are stale ({@link Truncations}). A document Elasticsearch refuses is rejected with its error and
 * the rest of the batch proceeds; transient failures are retried per item ({@link BulkSender}),
 * then the batch fails as unavailable.
 * <p>
 * {@code ADD COLUMN … DEFAULT x} fills the source's existing rows without events: the first change
 * declaring a default ({@link ChangeEvent#defaults()}) starts, once per (table, field, default) and
 * process, after its batch and on a daemon thread, a pass giving the table's documents that lack the
 * field the default as their document code writes it ({@link DefaultBackfill}). Products and users
 * are rewritten whole at the external version they hold ({@code external_gte}), so a change that
 * arrived meanwhile wins with its higher version; orders and their lines are edited as every order
 * change is, by compare-and-set. A value a change wrote, null included, is never replaced, delete
 * markers stay markers, and a second pass finds nothing lacking. A change older than the one a
 * default was learned from, arriving later (its partition lagging), is written with the default
 * where it lacks the field, as the source's row has it ({@link DeclaredDefaults}).
 */
public final class ElasticsearchChangeWriter implements ChangeWriter, TargetInventory {

    private final ElasticsearchHttp http;
    private final IndexerSettings settings;
    private final IndexSetup setup;
    private final Truncations truncations;
    private final KeyedIndexing keyed;
    private final OrderIndexing orders;
    private final MarkerPurge purge;
    private final DocumentInventory inventory;
    private final DeclaredDefaults declared;
    private final DefaultBackfill defaults;
    private final SourceNames names;
    /** One daemon thread for the default backfill of every writer: passes are rare, and one at a time is enough. */
    private static final Executor BACKFILL_THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "elasticsearch-default-backfill");
        thread.setDaemon(true);
        return thread;
    });

    /** The barriers as last read after a batch: what the next batch filters with (one read per batch). */
    private final Map<String, Long> knownBarriers = new ConcurrentHashMap<>();

    public ElasticsearchChangeWriter(ElasticsearchHttp http, IndexerSettings settings) {
        this.http = http;
        this.settings = settings;
        this.setup = new IndexSetup(http, settings);
        this.names = new SourceNames(settings.sources());
        BulkSender bulk = new BulkSender(http, settings.bulk());
        Sweeps sweeps = new Sweeps(http, settings.bulk().maxActions());
        Rejections rejections = new Rejections(settings);
        this.truncations = new Truncations(http, bulk, barrierIndexes(settings));
        DeclaredDefaults declared = new DeclaredDefaults();
        this.keyed = new KeyedIndexing(KeyedIndexing.routes(settings), names, bulk, sweeps, new UnchangedFields(http), rejections,
                declared);
        OrderDocuments orderDocuments = new OrderDocuments(settings.moneyScale());
        OrderWrites orderWrites = new OrderWrites(http, bulk, settings.bulk().maxActions());
        this.orders = new OrderIndexing(settings.sources(), names, orderDocuments, orderWrites, sweeps, rejections, declared);
        this.purge = new MarkerPurge(sweeps, bulk);
        this.inventory = new DocumentInventory(http, settings);
        this.declared = declared;
        this.defaults = new DefaultBackfill(backfills(settings, http, sweeps, orderDocuments), BACKFILL_THREAD);
    }

    @Override
    public String target() {
        return ElasticsearchHttp.TARGET;
    }

    @Override
    public TableRoutes<String> routes() {
        return names.routes();
    }

    /** Applies the templates and creates the indexes and aliases if needed; done anyway before the first write. */
    public void setUp() {
        setup.layout();
    }

    /** The names writes go to (the alias, or the index being rebuilt). */
    public String writeTarget(SearchIndex index) {
        return setup.layout().target(index).name();
    }

    /** Purges delete markers indexed before the given time; returns how many went. */
    public int purgeMarkers(Instant indexedBefore) {
        return purge.purge(setup.layout(), indexedBefore);
    }

    @Override
    public List<WriteOutcome> write(List<ChangeEvent> changes) {
        IndexLayout layout = setup.layout();
        WriteOutcome[] outcomes = new WriteOutcome[changes.size()];
        Arrays.fill(outcomes, WriteOutcome.IGNORED);
        Set<String> tables = new LinkedHashSet<>();
        changes.forEach(change -> {
            String table = names.of(change.table());
            if (routed(table)) {
                tables.add(table);
                declared.learn(table, change);
                defaults.notice(table, change);
            }
        });
        Set<String> unread = new LinkedHashSet<>(tables);
        unread.removeAll(knownBarriers.keySet());
        knownBarriers.putAll(truncations.read(unread));
        Map<String, Long> barriers = new HashMap<>(knownBarriers);
        int start = 0;
        for (int i = 0; i < changes.size(); i++) {
            ChangeEvent change = changes.get(i);
            String table = names.of(change.table());
            if (change.operation() == Operation.TRUNCATE && routed(table)) {
                writeSegment(layout, changes, start, i, barriers, outcomes); // what came before the truncate first
                truncations.raise(table, change.position().value());
                sweep(layout, table, change.position().value());
                barriers.merge(table, change.position().value(), Math::max);
                outcomes[i] = WriteOutcome.WRITTEN;
                start = i + 1;
            }
        }
        writeSegment(layout, changes, start, changes.size(), barriers, outcomes);
        // Another instance may have truncated a table since the barriers were last read: sweep again
        // so that nothing this batch wrote survives a barrier it did not see.
        Map<String, Long> current = truncations.read(tables);
        current.forEach((table, barrier) -> {
            if (barrier > barriers.getOrDefault(table, 0L)) {
                sweep(layout, table, barrier);
            }
        });
        knownBarriers.putAll(current);
        defaults.start(layout);
        return Arrays.asList(outcomes);
    }

    @Override
    public Optional<String> keyOf(ChangeEvent change) {
        return inventory.keyOf(change);
    }

    @Override
    public String digestOf(ChangeEvent change) {
        return inventory.digestOf(change);
    }

    @Override
    public void scan(Consumer<TargetKey> keys) {
        inventory.scan(setup.layout(), keys);
    }

    @Override
    public Optional<TargetRow> read(String key) {
        return inventory.read(setup.layout(), key);
    }

    @Override
    public void probe() {
        int millis = (int) settings.probeTimeout().toMillis();
        RequestOptions bounded = RequestOptions.DEFAULT.toBuilder().setRequestConfig(RequestConfig.custom()
                .setConnectTimeout(millis).setSocketTimeout(millis).setConnectionRequestTimeout(millis).build()).build();
        JsonNode health = http.call("GET", "/_cluster/health", bounded);
        if ("red".equals(health.path("status").asText())) {
            throw new TargetUnavailableException(target(), new IOException("cluster health is red"));
        }
    }

    /** The default backfill's passes finished so far. */
    List<DefaultBackfill.Pass> defaultsBackfilled() {
        return defaults.passes();
    }

    /**
     * How each table's documents get declared defaults: with their own document code, one pass
     * at a time, and one bulk request at a time, so that the batches' writes keep the server's
     * attention.
     */
    private static Map<String, DefaultBackfill.Table> backfills(IndexerSettings settings, ElasticsearchHttp http, Sweeps sweeps,
                                                                OrderDocuments orderDocuments) {
        BulkLimits limits = settings.bulk();
        BulkSender gentle = new BulkSender(http, new BulkLimits(limits.maxActions(), limits.maxBytes(), 1, limits.retries(),
                limits.backoff()));
        KeyedBackfill keyed = new KeyedBackfill(sweeps, gentle, http);
        OrderBackfill orders = new OrderBackfill(sweeps, new OrderWrites(http, gentle, limits.maxActions()));
        Map<String, DefaultBackfill.Table> tables = new HashMap<>();
        KeyedIndexing.routes(settings).forEach((table, route) -> tables.put(table, new DefaultBackfill.Table(
                route.documents()::fields, (layout, fields) -> keyed.fill(layout, route.index(), fields))));
        tables.put(settings.sources().orders(), new DefaultBackfill.Table(orderDocuments::order,
                (layout, fields) -> orders.fill(layout, false, fields)));
        tables.put(settings.sources().orderItems(), new DefaultBackfill.Table(orderDocuments::line,
                (layout, fields) -> orders.fill(layout, true, fields)));
        return tables;
    }

    /** Each source table's barriers live beside the index it feeds. */
    private static Map<String, String> barrierIndexes(IndexerSettings settings) {
        Map<String, String> indexes = new HashMap<>();
        KeyedIndexing.routes(settings).forEach((table, route) ->
                indexes.put(table, settings.names(route.index()).truncations()));
        indexes.put(settings.sources().orders(), settings.names(SearchIndex.ORDERS).truncations());
        indexes.put(settings.sources().orderItems(), settings.names(SearchIndex.ORDERS).truncations());
        return indexes;
    }

    private boolean routed(String table) {
        return keyed.handles(table) || orders.handles(table);
    }

    private void writeSegment(IndexLayout layout, List<ChangeEvent> changes, int from, int to, Map<String, Long> barriers,
                              WriteOutcome[] outcomes) {
        List<Integer> keyedChanges = new ArrayList<>();
        List<Integer> orderChanges = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String table = names.of(changes.get(i).table());
            if (!routed(table)) {
                continue;
            }
            if (changes.get(i).position().value() <= barriers.getOrDefault(table, 0L)) {
                outcomes[i] = WriteOutcome.STALE; // older than the table's last truncate
            } else if (keyed.handles(table)) {
                keyedChanges.add(i);
            } else {
                orderChanges.add(i);
            }
        }
        keyed.write(layout, changes, keyedChanges, outcomes);
        orders.write(layout, changes, orderChanges, outcomes);
    }

    /** Marks what is older than the barrier as gone; what is newer (from other partitions) stays. */
    private void sweep(IndexLayout layout, String table, long position) {
        if (keyed.handles(table)) {
            keyed.sweep(layout, table, position);
        } else {
            orders.sweep(layout, table, position);
        }
    }
}
