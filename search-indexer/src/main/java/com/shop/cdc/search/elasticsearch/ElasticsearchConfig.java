package com.shop.cdc.search.elasticsearch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** How the indexer keeps its three Elasticsearch indexes (docs/elasticsearch.md, "Elasticsearch"). */
@ConfigMapping(prefix = "cdc.elasticsearch")
public interface ElasticsearchConfig {

    /** Prefixes every alias, index and template name: several environments (or test runs) on one cluster. */
    Optional<String> indexPrefix();

    /** Replicas of each index: 0 on a single node, at least 1 in production. */
    @WithDefault("1")
    int replicas();

    /** Scale of the minor units stored beside each exact money string ({@code price_minor} = price × 10^scale). */
    @WithDefault("2")
    int moneyScale();

    /** Bound of the readiness probe ({@code GET /_cluster/health}). */
    @WithDefault("2s")
    Duration probeTimeout();

    Bulk bulk();

    Markers markers();

    Products products();

    Users users();

    Orders orders();

    interface Bulk {

        /**
         * Actions per {@code _bulk} request. Below the batch size (max.poll.records), a batch goes as
         * several requests, so the next one starts as soon as one of those in flight ends.
         */
        @WithDefault("500")
        int maxActions();

        /** Bytes per {@code _bulk} request (an action larger than this goes alone). */
        @WithDefault("5242880")
        int maxBytes();

        /** {@code _bulk} requests in flight at once. */
        @WithDefault("2")
        int maxConcurrentRequests();

        /** Rounds of retrying only the items that failed transiently (429, 5xx, connection) before the batch fails. */
        @WithDefault("3")
        int retries();

        /** First pause between those rounds; doubled each round. */
        @WithDefault("200ms")
        Duration backoff();
    }

    interface Markers {

        /** Age after which delete markers are purged: keep it above the topics' retention, or a replay resurrects. */
        @WithDefault("7d")
        Duration retention();

        /** How often the purge runs. */
        @WithDefault("1h")
        Duration purgeEvery();
    }

    interface Products {

        /** Source collection, {@code [database.]collection} (the database may be left out). */
        @WithDefault("products")
        String source();

        /** Index generation: bump it with an incompatible mapping change (docs/elasticsearch.md, "Rolling out a mapping change"). */
        @WithDefault("1")
        int generation();
    }

    interface Users {

        @WithDefault("public.users")
        String source();

        @WithDefault("1")
        int generation();

        /** The personal fields of a user. */
        @WithDefault("email,full_name,phone,birth_date")
        Set<String> pii();

        /** The personal fields that are indexed (support staff search by name and email); the others never reach Elasticsearch. */
        @WithDefault("email,full_name")
        Set<String> indexedPii();
    }

    interface Orders {

        @WithDefault("orders")
        String source();

        /** The line items, kept inside their order's document. */
        @WithDefault("order_items")
        String itemsSource();

        @WithDefault("1")
        int generation();
    }
}
