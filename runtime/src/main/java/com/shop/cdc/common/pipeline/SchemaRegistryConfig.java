package com.shop.cdc.common.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The schema registry of the topics whose converter is Avro ({@code cdc.pipeline.topics."<t>".converter=avro}). */
@ConfigMapping(prefix = "cdc.schema-registry")
public interface SchemaRegistryConfig {

    String URL = "cdc.schema-registry.url";

    /**
     * The registry's Confluent-compatible API: Apicurio's {@code http://host:8080/apis/ccompat/v7},
     * Confluent's or Karapace's root URL. Required as soon as a consumed topic is Avro.
     */
    Optional<URI> url();

    /** How long one request may take before the registry counts as not answering (an outage, waited for). */
    @WithDefault("10s")
    Duration timeout();

    /** HTTP basic authentication, when the registry asks for it. */
    Optional<String> username();

    Optional<String> password();
}
