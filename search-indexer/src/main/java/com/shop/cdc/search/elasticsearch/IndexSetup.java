package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Applies the declared index templates and brings the indexes to the configured generation: a
 * missing index is created from its template (with its alias when the alias does not exist yet),
 * an existing one gets the declared mapping (additive changes apply in place; an incompatible one
 * stops the service: bump the generation and rebuild). While the alias points to another
 * generation, this one is being rebuilt and is written directly (docs/elasticsearch.md, "Rolling out a mapping change").
 */
final class IndexSetup {

    private static final Logger LOG = Logger.getLogger(IndexSetup.class);
    /** Searches through an alias see live documents only: delete markers stay for the version guard. */
    private static final Map<String, Object> LIVE_ONLY = Map.of("bool",
            Map.of("must_not", Map.of("term", Map.of(Bookkeeping.FIELD + ".deleted", true))));

    private final ElasticsearchHttp http;
    private final IndexerSettings settings;
    private volatile IndexLayout layout;

    IndexSetup(ElasticsearchHttp http, IndexerSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** The layout, set up on first use; an unreachable server leaves it to the next call. */
    IndexLayout layout() {
        IndexLayout current = layout;
        if (current == null) {
            synchronized (this) {
                if (layout == null) {
                    layout = apply();
                }
                current = layout;
            }
        }
        return current;
    }

    private IndexLayout apply() {
        Map<SearchIndex, IndexTarget> targets = new EnumMap<>(SearchIndex.class);
        Map<SearchIndex, String> concrete = new EnumMap<>(SearchIndex.class);
        for (SearchIndex index : SearchIndex.values()) {
            IndexNames names = settings.names(index);
            ObjectNode template = template(index);
            http.call("PUT", "/_index_template/" + names.alias(), Map.of("index_patterns", new String[] {names.pattern()},
                    "priority", 200, "template", template, "_meta", Map.of("managed_by", "search-indexer")));
            boolean aliasExists = http.callOrNotFound("GET", "/_alias/" + names.alias(), null).isPresent();
            if (http.callOrNotFound("GET", "/" + names.index() + "/_mapping", null).isEmpty()) {
                create(names, !aliasExists);
            } else {
                http.call("PUT", "/" + names.index() + "/_mapping", template.get("mappings"));
                if (!aliasExists) {
                    http.call("POST", "/_aliases", Map.of("actions", List.of(Map.of("add", alias(names)))));
                    LOG.infof("alias %s added to %s", names.alias(), names.index());
                }
            }
            JsonNode aliased = http.call("GET", "/_alias/" + names.alias(), null);
            boolean viaAlias = aliased.has(names.index());
            if (!viaAlias) {
                LOG.warnf("alias %s points to %s: rebuilding %s, written directly until the alias is switched to it",
                        names.alias(), fieldNames(aliased), names.index());
            }
            targets.put(index, new IndexTarget(viaAlias ? names.alias() : names.index(), viaAlias));
            concrete.put(index, names.index());
            if (http.callOrNotFound("GET", "/" + names.truncations() + "/_mapping", null).isEmpty()) {
                createIfAbsent("/" + names.truncations(), Map.of("settings", Map.of("number_of_shards", 1,
                        "number_of_replicas", settings.replicas()), "mappings", Map.of("dynamic", false, "properties",
                        Map.of("position", Map.of("type", "long")))));
            }
        }
        return new IndexLayout(targets, concrete);
    }

    private void create(IndexNames names, boolean withAlias) {
        Map<String, Object> body = withAlias
                ? Map.of("aliases", Map.of(names.alias(), Map.of("is_write_index", true, "filter", LIVE_ONLY)))
                : Map.of();
        createIfAbsent("/" + names.index(), body);
        LOG.infof("created index %s%s", names.index(), withAlias ? " behind alias " + names.alias() : "");
    }

    /** The alias as searches and writes use it: live documents only, writes to this index. */
    private static Map<String, Object> alias(IndexNames names) {
        return Map.of("index", names.index(), "alias", names.alias(), "is_write_index", true, "filter", LIVE_ONLY);
    }

    /** Another instance starting at the same time may create it first. */
    private void createIfAbsent(String endpoint, Map<String, Object> body) {
        try {
            http.call("PUT", endpoint, body);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    private ObjectNode template(SearchIndex index) {
        try {
            ObjectNode template = (ObjectNode) http.json().readTree(index.template());
            template.withObject("/settings/index").put("number_of_replicas", settings.replicas());
            return template;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("elasticsearch/" + index.baseName() + ".json is not valid JSON", e);
        }
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder names = new StringBuilder();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.append(names.length() == 0 ? "" : ",").append(it.next());
        }
        return names.toString();
    }
}
