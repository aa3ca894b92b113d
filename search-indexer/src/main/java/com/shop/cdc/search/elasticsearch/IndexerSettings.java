package com.shop.cdc.search.elasticsearch;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The writer's settings, checked: a bad value fails at start-up naming its property.
 *
 * @param excludedUserFields personal fields of a user that never reach Elasticsearch
 */
public record IndexerSettings(String prefix, int replicas, int moneyScale, BulkLimits bulk, Duration probeTimeout,
                              Sources sources, Map<SearchIndex, Integer> generations, Set<String> excludedUserFields) {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    public IndexerSettings {
        generations = Map.copyOf(generations);
        excludedUserFields = Set.copyOf(excludedUserFields);
    }

    public IndexNames names(SearchIndex index) {
        return IndexNames.of(prefix, index, generations.get(index));
    }

    public static IndexerSettings from(ElasticsearchConfig config) {
        String prefix = config.indexPrefix().orElse("");
        require(prefix.isEmpty() || PREFIX.matcher(prefix).matches(), "cdc.elasticsearch.index-prefix",
                "lower-case letters, digits, '_', '.', '-'");
        require(config.replicas() >= 0, "cdc.elasticsearch.replicas", ">= 0");
        require(config.moneyScale() >= 0 && config.moneyScale() <= 9, "cdc.elasticsearch.money-scale", "0 to 9");
        ElasticsearchConfig.Bulk bulk = config.bulk();
        require(bulk.maxActions() > 0, "cdc.elasticsearch.bulk.max-actions", "> 0");
        require(bulk.maxBytes() >= 1024, "cdc.elasticsearch.bulk.max-bytes", ">= 1024");
        require(bulk.maxConcurrentRequests() > 0, "cdc.elasticsearch.bulk.max-concurrent-requests", "> 0");
        require(bulk.retries() >= 0, "cdc.elasticsearch.bulk.retries", ">= 0");
        require(!bulk.backoff().isNegative(), "cdc.elasticsearch.bulk.backoff", ">= 0");
        require(config.probeTimeout().toMillis() > 0, "cdc.elasticsearch.probe-timeout", "> 0");
        Map<SearchIndex, Integer> generations = new EnumMap<>(SearchIndex.class);
        generations.put(SearchIndex.PRODUCTS, generation(config.products().generation(), "products"));
        generations.put(SearchIndex.USERS, generation(config.users().generation(), "users"));
        generations.put(SearchIndex.ORDERS, generation(config.orders().generation(), "orders"));
        Set<String> pii = config.users().pii();
        require(pii.containsAll(config.users().indexedPii()), "cdc.elasticsearch.users.indexed-pii",
                "a subset of cdc.elasticsearch.users.pii " + pii);
        Set<String> excluded = new HashSet<>(pii);
        excluded.removeAll(config.users().indexedPii());
        Sources sources = new Sources(config.products().source(), config.users().source(), config.orders().source(),
                config.orders().itemsSource());
        return new IndexerSettings(prefix, config.replicas(), config.moneyScale(),
                new BulkLimits(bulk.maxActions(), bulk.maxBytes(), bulk.maxConcurrentRequests(), bulk.retries(),
                        bulk.backoff()),
                config.probeTimeout(), sources, generations, excluded);
    }

    private static int generation(int value, String index) {
        require(value > 0, "cdc.elasticsearch." + index + ".generation", "> 0");
        return value;
    }

    private static void require(boolean valid, String property, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(property + " is invalid: expected " + expected);
        }
    }
}
