package com.shop.cdc.common.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.AvroSchemas;
import com.shop.cdc.common.decode.Converter;
import com.shop.cdc.common.decode.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry client of the service, when one is configured, and whether the service needs it: it
 * does when a topic it consumes is Avro, and then starting without {@code cdc.schema-registry.url}
 * fails naming it. A service of JSON topics never asks the registry, so its readiness ignores it.
 */
@ApplicationScoped
public class SchemaRegistry {

    private final Optional<RegistryClient> client;
    private final boolean needed;

    public SchemaRegistry(SchemaRegistryConfig config, PipelineConfig pipeline, ObjectMapper json,
                          @ConfigProperty(name = PipelineConfig.CONSUMED_TOPICS) List<String> consumed) {
        Optional<String> credentials = config.username().map(user -> user + ":" + config.password().orElse(""));
        this.client = config.url().map(url -> new RegistryClient(url, config.timeout(), credentials, json));
        this.needed = consumed.stream().map(topic -> pipeline.topics().get(topic))
                .anyMatch(topic -> topic != null && topic.format().converter(topic.converter()) == Converter.AVRO);
        if (needed && client.isEmpty()) {
            throw new IllegalArgumentException(SchemaRegistryConfig.URL + " is not set, but " + PipelineConfig.CONSUMED_TOPICS
                    + " names a topic whose converter is avro: expected the URL of the registry's Confluent-compatible API,"
                    + " such as http://127.0.0.1:8085/apis/ccompat/v7 for Apicurio Registry");
        }
    }

    /** The client, when the service consumes an Avro topic. */
    public Optional<RegistryClient> inUse() {
        return needed ? client : Optional.empty();
    }

    /** The schemas of the pipeline's Avro topics; a topic only declared, not consumed, may have none. */
    AvroSchemas schemas() {
        return client.isPresent() ? client.get() : NONE;
    }

    private static final AvroSchemas NONE = new AvroSchemas() {
        @Override
        public Schema byId(int id) {
            throw new IllegalArgumentException("schema id " + id + ", but no schema registry is configured ("
                    + SchemaRegistryConfig.URL + ")");
        }

        @Override
        public String source() {
            return "no schema registry";
        }
    };
}
