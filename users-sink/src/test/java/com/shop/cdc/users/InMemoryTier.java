package com.shop.cdc.users;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The service as deployed but for its edges: records come from the in-memory connector, the
 * targets are one {@link MemoryTarget}; decoding, the failure policy, the ledger (PostgreSQL) and
 * the dead-letter topics (Kafka) are the real ones.
 */
public class InMemoryTier implements QuarkusTestProfile {

    static final String TOPIC = "tier.public.users";
    static final int IN_FLIGHT = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.changes.connector", "smallrye-in-memory",
                "mp.messaging.incoming.changes.topics", TOPIC,
                "cdc.pipeline.topics.\"" + TOPIC + "\".rules", "required:email,email:email",
                "cdc.pipeline.in-flight-records", String.valueOf(IN_FLIGHT),
                "cdc.pipeline.write-attempts", "2",
                "quarkus.application.name", "users-sink-tier");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MemoryTargets.class);
    }
}
