package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.target.WriteOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Products and users: one document per key, written with the change's source position as its
 * external version, so Elasticsearch keeps the newest change whatever the order of arrival (an
 * older or repeated one answers 409: stale). A delete writes a marker document at its position,
 * which keeps its version across restarts and past {@code index.gc_deletes}; the alias filter
 * hides it from searches.
 */
final class KeyedIndexing {

    /** How one source table is indexed. */
    record Route(SearchIndex index, KeyedDocuments documents) {
    }

    private final Map<String, Route> routes;
    private final SourceNames names;
    private final BulkSender bulk;
    private final Sweeps sweeps;
    private final UnchangedFields unchangedFields;
    private final Rejections rejections;
    private final DeclaredDefaults defaults;

    KeyedIndexing(Map<String, Route> routes, SourceNames names, BulkSender bulk, Sweeps sweeps, UnchangedFields unchangedFields,
                  Rejections rejections, DeclaredDefaults defaults) {
        this.routes = Map.copyOf(routes);
        this.names = names;
        this.bulk = bulk;
        this.sweeps = sweeps;
        this.unchangedFields = unchangedFields;
        this.rejections = rejections;
        this.defaults = defaults;
    }

    boolean handles(String table) {
        return routes.containsKey(table);
    }

    /** Writes the changes at {@code indexes}, setting their outcomes. */
    void write(IndexLayout layout, List<ChangeEvent> changes, List<Integer> indexes, WriteOutcome[] outcomes) {
        List<BulkAction> actions = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (List<Integer> history : byDocument(changes, indexes).values()) {
            // Only the newest change of a document in the batch is sent: the others are already superseded.
            history.subList(0, history.size() - 1).forEach(i -> outcomes[i] = WriteOutcome.STALE);
            int newest = history.get(history.size() - 1);
            ChangeEvent change = changes.get(newest);
            Route route = routes.get(names.of(change.table()));
            Map<String, Object> document;
            if (change.operation() == Operation.DELETE) {
                document = Bookkeeping.marker(change.position().value(), change.operation().code(), change.sourceTimestamp());
            } else {
                try {
                    document = document(layout, route, changes, history);
                } catch (IllegalArgumentException e) {
                    outcomes[newest] = rejections.reject(route.index(), e.getMessage());
                    continue;
                }
                document.put(Bookkeeping.FIELD, Bookkeeping.of(change, false));
            }
            actions.add(BulkAction.externalVersion(layout.target(route.index()), route.documents().id(change.key()),
                    change.position().value(), document));
            sent.add(newest);
        }
        List<ItemResult> results = bulk.send(actions);
        for (int k = 0; k < results.size(); k++) {
            int i = sent.get(k);
            if (results.get(k) instanceof ItemResult.Refused refused) {
                outcomes[i] = rejections.reject(routes.get(names.of(changes.get(i).table())).index(),
                        refused.reason());
            } else {
                outcomes[i] = results.get(k) instanceof ItemResult.Done ? WriteOutcome.WRITTEN : WriteOutcome.STALE;
            }
        }
    }

    /** Marks every live document of the table older than the truncate's position; newer ones stay. */
    void sweep(IndexLayout layout, String table, long position) {
        SearchIndex index = routes.get(table).index();
        IndexTarget target = layout.target(index);
        Map<String, Object> older = Map.of("bool", Map.of(
                "filter", List.of(Sweeps.olderThan(Bookkeeping.FIELD + ".position", position)),
                "must_not", List.of(Sweeps.term(Bookkeeping.FIELD + ".deleted", true))));
        sweeps.forEachPage(layout.concrete(index), older, hits -> bulk.send(hits.stream()
                .map(hit -> BulkAction.externalVersion(target, hit.path("_id").asText(), position,
                        Bookkeeping.marker(position, Operation.TRUNCATE.code(), null)))
                .toList()));
    }

    /** The batch's changes of each document, oldest first. */
    private Map<String, List<Integer>> byDocument(List<ChangeEvent> changes, List<Integer> indexes) {
        Map<String, List<Integer>> documents = new LinkedHashMap<>();
        for (int i : indexes) {
            ChangeEvent change = changes.get(i);
            Route route = routes.get(names.of(change.table()));
            documents.computeIfAbsent(route.index() + "/" + route.documents().id(change.key()), d -> new ArrayList<>()).add(i);
        }
        documents.values().forEach(history -> history.sort(Comparator.comparing(i -> changes.get(i).position())));
        return documents;
    }

    /**
     * The newest upsert's document. A value it leaves unchanged (a TOAST placeholder) is taken from
     * its before image, else from the batch's previous upsert of the key, else from the index. A
     * change older than a declared default gets it where it lacks the field ({@link DeclaredDefaults}).
     */
    private Map<String, Object> document(IndexLayout layout, Route route, List<ChangeEvent> changes, List<Integer> history) {
        ChangeEvent change = changes.get(history.get(history.size() - 1));
        Map<String, Object> row = UnchangedFields.fromBefore(change);
        for (int k = history.size() - 2; k >= 0 && UnchangedFields.holdsUnchanged(row); k--) {
            ChangeEvent earlier = changes.get(history.get(k));
            if (earlier.operation() == Operation.DELETE) {
                break;
            }
            row = UnchangedFields.fillFrom(row, UnchangedFields.fromBefore(earlier));
        }
        Map<String, Object> document = route.documents().fields(
                defaults.completed(names.of(change.table()), change.position().value(), row));
        Set<String> unchanged = UnchangedFields.unchanged(row);
        if (!unchanged.isEmpty()) {
            unchangedFields.stored(layout.concrete(route.index()), route.documents().id(change.key()), unchanged)
                    .forEach(document::putIfAbsent);
        }
        return document;
    }

    static Map<String, Route> routes(IndexerSettings settings) {
        Map<String, Route> routes = new HashMap<>();
        routes.put(settings.sources().products(), new Route(SearchIndex.PRODUCTS, new ProductDocuments(settings.moneyScale())));
        routes.put(settings.sources().users(), new Route(SearchIndex.USERS,
                new UserDocuments(settings.excludedUserFields(), settings.moneyScale())));
        return routes;
    }
}
