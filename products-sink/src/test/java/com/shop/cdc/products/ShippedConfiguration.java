package com.shop.cdc.products;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * products-sink as shipped (topics, rules, Redis keys, warehouse tables: application.properties) with
 * three swaps: records come from the in-memory connector instead of Kafka, the warehouse is a
 * DuckDB file of this run's own, and the service has a name of its own (its ledger rows, its
 * consumer group). Redis, the PostgreSQL ledger and the dead-letter topics are the stack's.
 */
public class ShippedConfiguration implements QuarkusTestProfile {

    static final String WAREHOUSE = "jdbc:duckdb:target/products-sink-it-" + System.currentTimeMillis() + ".duckdb";
    static final String SERVICE = "products-sink-it";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.changes.connector", "smallrye-in-memory",
                "cdc.warehouse.jdbc-url", WAREHOUSE,
                "quarkus.application.name", SERVICE);
    }
}
