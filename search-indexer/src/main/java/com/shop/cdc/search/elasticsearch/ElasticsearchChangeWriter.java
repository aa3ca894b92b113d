package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.sink.ChangeWriter;
import com.shop.cdc.common.sink.TargetUnavailableException;
import com.shop.cdc.common.sink.WriteOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.http.client.config.RequestConfig;
import org.elasticsearch.client.RequestOptions;
import org.jboss.logging.Logger;

/**
 * Keeps the {@code products}, {@code users} and {@code orders} indexes equal to the source.
 *
 * <ul>
 * <li>Products and users: one document per key, written with the change's source position as
 * its external version, so Elasticsearch keeps only the newest change whatever the order of
 * arrival (an older one answers 409: stale, a success). A delete writes a marker document with
 * its position, hidden by the alias filter: it keeps its version across restarts and past
 * {@code index.gc_deletes}, so an older change replayed later never resurrects the key.</li>
 * <li>Orders: the order row and its line items in one document, edited by read-modify-write
 * with optimistic concurrency and per-part positions ({@link OrderDocument}).</li>
 * <li>A truncate is a position barrier: documents older than it are marked deleted, later ones
 * stay, and later-arriving older changes are ignored ({@link Truncations}).</li>
 * </ul>
 * A document Elasticsearch refuses is rejected with its error, the rest of the batch proceeds;
 * transient failures are retried per item ({@link BulkSender}), then the batch fails as unavailable.
 */
public final class ElasticsearchChangeWriter implements ChangeWriter {

    private static final Logger LOG = Logger.getLogger(ElasticsearchChangeWriter.class);

    /** How one source table with one document per key is indexed. */
    private record KeyedRoute(SearchIndex index, KeyedDocuments documents) {
    }

    private final ElasticsearchHttp http;
    private final IndexerSettings settings;
    private final IndexSetup setup;
    private final BulkSender bulk;
    private final Truncations truncations;
    private final Sweeps sweeps;
    private final OrderWrites orders;
    private final MarkerPurge purge;
    private final UnchangedFields unchangedFields;
    private final OrderDocuments orderDocuments;
    private final Map<String, KeyedRoute> keyed;
    /** The barriers as last read after a batch: what the next batch filters with (one read per batch). */
    private final Map<String, Long> knownBarriers = new ConcurrentHashMap<>();

    public ElasticsearchChangeWriter(ElasticsearchHttp http, IndexerSettings settings) {
        this.http = http;
        this.settings = settings;
        this.setup = new IndexSetup(http, settings);
        this.bulk = new BulkSender(http, settings.bulk());
        this.truncations = new Truncations(http, bulk);
        this.sweeps = new Sweeps(http, settings.bulk().maxActions());
        this.orders = new OrderWrites(http, bulk, settings.bulk().maxActions());
        this.purge = new MarkerPurge(sweeps, bulk);
        this.unchangedFields = new UnchangedFields(http);
        this.orderDocuments = new OrderDocuments(settings.moneyScale());
        this.keyed = Map.of(
                settings.sources().products(), new KeyedRoute(SearchIndex.PRODUCTS, new ProductDocuments(settings.moneyScale())),
                settings.sources().users(), new KeyedRoute(SearchIndex.USERS,
                        new UserDocuments(settings.excludedUserFields(), settings.moneyScale())));
    }

    @Override
    public String target() {
        return ElasticsearchHttp.TARGET;
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
        changes.stream().map(ChangeEvent::table).map(t -> t.qualifiedName()).filter(this::routed).forEach(tables::add);
        Set<String> unread = new LinkedHashSet<>(tables);
        unread.removeAll(knownBarriers.keySet());
        knownBarriers.putAll(truncations.read(layout, unread));
        Map<String, Long> barriers = new HashMap<>(knownBarriers);
        int start = 0;
        for (int i = 0; i < changes.size(); i++) {
            ChangeEvent change = changes.get(i);
            if (change.operation() == Operation.TRUNCATE && routed(change.table().qualifiedName())) {
                writeSegment(layout, changes, start, i, barriers, outcomes); // what came before the truncate first
                truncate(layout, change.table().qualifiedName(), change.position().value());
                barriers.merge(change.table().qualifiedName(), change.position().value(), Math::max);
                outcomes[i] = WriteOutcome.WRITTEN;
                start = i + 1;
            }
        }
        writeSegment(layout, changes, start, changes.size(), barriers, outcomes);
        // Another instance may have truncated a table since the barriers were last read: sweep again
        // so that nothing this batch wrote survives a barrier it did not see.
        Map<String, Long> current = truncations.read(layout, tables);
        current.forEach((table, barrier) -> {
            if (barrier > barriers.getOrDefault(table, 0L)) {
                sweep(layout, table, barrier);
            }
        });
        knownBarriers.putAll(current);
        return Arrays.asList(outcomes);
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

    private boolean routed(String table) {
        return keyed.containsKey(table) || table.equals(settings.sources().orders())
                || table.equals(settings.sources().orderItems());
    }

    private void writeSegment(IndexLayout layout, List<ChangeEvent> changes, int from, int to, Map<String, Long> barriers,
                              WriteOutcome[] outcomes) {
        List<Integer> keyedChanges = new ArrayList<>();
        List<Integer> orderChanges = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ChangeEvent change = changes.get(i);
            String table = change.table().qualifiedName();
            if (!routed(table)) {
                continue;
            }
            if (change.position().value() <= barriers.getOrDefault(table, 0L)) {
                outcomes[i] = WriteOutcome.STALE; // older than the table's last truncate
            } else if (keyed.containsKey(table)) {
                keyedChanges.add(i);
            } else {
                orderChanges.add(i);
            }
        }
        writeKeyed(layout, changes, keyedChanges, outcomes);
        writeOrders(layout, changes, orderChanges, outcomes);
    }

    private void writeKeyed(IndexLayout layout, List<ChangeEvent> changes, List<Integer> indexes, WriteOutcome[] outcomes) {
        // Only the newest change of a document in the batch is sent: the others are already superseded.
        Map<String, Integer> newest = new LinkedHashMap<>();
        for (int i : indexes) {
            ChangeEvent change = changes.get(i);
            KeyedRoute route = keyed.get(change.table().qualifiedName());
            String document = route.index() + "/" + route.documents().id(change.key());
            Integer previous = newest.get(document);
            if (previous == null || change.position().isAfter(changes.get(previous).position())) {
                if (previous != null) {
                    outcomes[previous] = WriteOutcome.STALE;
                }
                newest.put(document, i);
            } else {
                outcomes[i] = WriteOutcome.STALE;
            }
        }
        Map<Integer, Map<String, Object>> kept = keptValues(layout, changes, newest.values());
        List<BulkAction> actions = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i : newest.values()) {
            ChangeEvent change = changes.get(i);
            KeyedRoute route = keyed.get(change.table().qualifiedName());
            Map<String, Object> document;
            if (change.operation() == Operation.DELETE) {
                document = Bookkeeping.marker(change.position().value(), change.operation().code(), change.sourceTimestamp());
            } else {
                try {
                    document = route.documents().fields(UnchangedFields.fromBefore(change));
                } catch (IllegalArgumentException e) {
                    outcomes[i] = reject(change, route.index(), e.getMessage());
                    continue;
                }
                kept.getOrDefault(i, Map.of()).forEach(document::putIfAbsent);
                document.put(Bookkeeping.FIELD, Bookkeeping.of(change, false));
            }
            actions.add(BulkAction.externalVersion(layout.target(route.index()), route.documents().id(change.key()),
                    change.position().value(), document));
            sent.add(i);
        }
        List<ItemResult> results = bulk.send(actions);
        for (int k = 0; k < results.size(); k++) {
            int i = sent.get(k);
            ItemResult result = results.get(k);
            if (result instanceof ItemResult.Refused refused) {
                outcomes[i] = reject(changes.get(i), keyed.get(changes.get(i).table().qualifiedName()).index(),
                        refused.reason());
            } else {
                outcomes[i] = result instanceof ItemResult.Done ? WriteOutcome.WRITTEN : WriteOutcome.STALE;
            }
        }
    }

    /** For upserts whose unchanged values the before image does not hold either: the values the index holds. */
    private Map<Integer, Map<String, Object>> keptValues(IndexLayout layout, List<ChangeEvent> changes,
                                                        Iterable<Integer> indexes) {
        Map<Integer, Map<String, Object>> kept = new HashMap<>();
        for (int i : indexes) {
            ChangeEvent change = changes.get(i);
            Set<String> unchanged = UnchangedFields.missing(change);
            if (!unchanged.isEmpty()) {
                KeyedRoute route = keyed.get(change.table().qualifiedName());
                kept.put(i, unchangedFields.stored(layout.concrete(route.index()), route.documents().id(change.key()),
                        unchanged));
            }
        }
        return kept;
    }

    private void writeOrders(IndexLayout layout, List<ChangeEvent> changes, List<Integer> indexes, WriteOutcome[] outcomes) {
        Map<Object, List<OrderWrites.Edit>> edits = new LinkedHashMap<>();
        Map<Object, List<Integer>> editors = new HashMap<>();
        for (int i : indexes) {
            ChangeEvent change = changes.get(i);
            boolean order = change.table().qualifiedName().equals(settings.sources().orders());
            try {
                Object id = order ? OrderDocuments.orderId(change.key()) : OrderDocuments.itemOrderId(change.key());
                OrderWrites.Edit edit = order ? orderEdit(change) : lineEdit(change);
                edits.computeIfAbsent(id, k -> new ArrayList<>()).add(edit);
                editors.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
            } catch (IllegalArgumentException e) {
                outcomes[i] = reject(change, SearchIndex.ORDERS, e.getMessage());
            }
        }
        if (edits.isEmpty()) {
            return;
        }
        orders.modify(layout, edits).forEach((id, result) -> {
            List<Integer> events = editors.get(id);
            List<Integer> changing = new ArrayList<>();
            for (int k = 0; k < events.size(); k++) {
                outcomes[events.get(k)] = result.applied().get(k) ? WriteOutcome.WRITTEN : WriteOutcome.STALE;
                if (result.applied().get(k)) {
                    changing.add(events.get(k));
                }
            }
            if (result.refused() == null) {
                return;
            }
            if (changing.size() == 1) {
                outcomes[changing.get(0)] = reject(changes.get(changing.get(0)), SearchIndex.ORDERS, result.refused());
            } else {
                // Which change made the document unacceptable? Apply them one by one: only that one is rejected.
                changing.forEach(i -> writeOrders(layout, changes, List.of(i), outcomes));
            }
        });
    }

    private OrderWrites.Edit orderEdit(ChangeEvent change) {
        long position = change.position().value();
        Map<String, Object> fields = change.operation() == Operation.DELETE ? null : orderDocuments.order(change.after());
        return document -> document.order(position, fields, change.operation().code(), change.sourceTimestamp());
    }

    private OrderWrites.Edit lineEdit(ChangeEvent change) {
        long position = change.position().value();
        long lineNo = OrderDocuments.lineNo(change.key());
        Map<String, Object> fields = change.operation() == Operation.DELETE ? null : orderDocuments.line(change.after());
        return document -> document.line(lineNo, position, fields);
    }

    private void truncate(IndexLayout layout, String table, long position) {
        truncations.raise(layout, table, position);
        sweep(layout, table, position);
    }

    /** Marks what is older than the barrier as gone; what is newer (from other partitions) stays. */
    private void sweep(IndexLayout layout, String table, long position) {
        String positionField = Bookkeeping.FIELD + ".position";
        Map<String, Object> notDeleted = Sweeps.term(Bookkeeping.FIELD + ".deleted", false);
        KeyedRoute route = keyed.get(table);
        if (route != null) {
            IndexTarget target = layout.target(route.index());
            Map<String, Object> older = Map.of("bool", Map.of("filter", List.of(Sweeps.olderThan(positionField, position)),
                    "must_not", List.of(Sweeps.term(Bookkeeping.FIELD + ".deleted", true))));
            sweeps.forEachPage(layout.concrete(route.index()), older, hits -> bulk.send(hits.stream()
                    .map(hit -> BulkAction.externalVersion(target, hit.path("_id").asText(), position,
                            Bookkeeping.marker(position, Operation.TRUNCATE.code(), null)))
                    .toList()));
            return;
        }
        boolean ordersTable = table.equals(settings.sources().orders());
        Map<String, Object> older = ordersTable
                ? Map.of("bool", Map.of("filter", List.of(Sweeps.olderThan(positionField, position), notDeleted)))
                : Map.of("nested", Map.of("path", OrderDocument.LINES,
                        "query", Sweeps.olderThan(OrderDocument.LINES + "." + OrderDocument.LINE_POSITION, position)));
        OrderWrites.Edit edit = ordersTable ? document -> document.truncateOrder(position)
                : document -> document.truncateLines(position);
        sweeps.forEachPage(layout.concrete(SearchIndex.ORDERS), older, hits -> {
            Map<Object, List<OrderWrites.Edit>> edits = new LinkedHashMap<>();
            hits.forEach(hit -> edits.put(orderId(hit.path("_id").asText()), List.of(edit)));
            orders.modify(layout, edits).forEach((id, result) -> {
                if (result.refused() != null) {
                    throw new IllegalStateException("order " + id + " refused while truncating " + table + ": " + result.refused());
                }
            });
        });
    }

    /** Order ids are numbers at the source; the document id is their text. */
    private static Object orderId(String documentId) {
        try {
            return Long.parseLong(documentId);
        } catch (NumberFormatException e) {
            return documentId;
        }
    }

    private WriteOutcome reject(ChangeEvent change, SearchIndex index, String reason) {
        LOG.warnf("rejected %s-%d@%d for index %s: %s", change.origin().topic(), change.origin().partition(),
                change.origin().offset(), settings.names(index).alias(), reason);
        return WriteOutcome.rejected("index " + settings.names(index).alias() + ": " + reason);
    }
}
