package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.Converter;
import com.shop.cdc.common.decode.Format;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How each consumed topic is decoded, transformed and validated. */
@ConfigMapping(prefix = "cdc.pipeline")
public interface PipelineConfig {

    /** The property naming the topics a service consumes; each needs an entry in {@link #topics()}. */
    String CONSUMED_TOPICS = "mp.messaging.incoming.changes.topics";

    /** Records larger than this (key + value + headers) are dead-lettered before parsing. */
    @WithDefault("8388608")
    long maxRecordBytes();

    /**
     * Records consumed ahead of the targets' acknowledgements. Batches that queue for a target are
     * written to it together: more allow larger writes, and hold more records in memory.
     */
    @WithDefault("8000")
    int inFlightRecords();

    /**
     * The targets this instance writes, of those its service has ({@code redis}, {@code warehouse}
     * for the domain sinks). An instance that writes one of them, in a consumer group of its own,
     * commits independently of the other: the cache then never waits for the warehouse.
     */
    @WithDefault("redis,warehouse")
    List<String> targets();

    /** {@link #targets()} trimmed, without blanks or repeats. */
    static List<String> selectedTargets(PipelineConfig config) {
        return config.targets().stream().map(String::trim).filter(target -> !target.isEmpty()).distinct().toList();
    }

    /**
     * How often one change is tried against a target that answers its health probe but refuses the
     * change, before the change is dead-lettered (stage {@code write}) and its partition moves on. A
     * target that does not answer is an outage instead: waited for, never a dead letter.
     */
    @WithDefault("5")
    int writeAttempts();

    /** Secret salt of the {@code hash:} transform; required as soon as one topic hashes a field. */
    Optional<String> hashSalt();

    /** Region assumed for phone numbers written without a country code ({@code phone:} transform). */
    @WithDefault("US")
    String phoneRegion();

    /** Per topic, keyed by the topic name (quote names with dots: {@code topics."shop.public.users"}). */
    Map<String, Topic> topics();

    interface Topic {

        /**
         * debezium-json, debezium-mongodb, transaction-metadata or schema-change; debezium-avro is
         * debezium-json with converter avro.
         */
        @WithDefault("debezium-json")
        Format format();

        /**
         * The connector's converter: {@code json} (Kafka's JsonConverter) or {@code avro} (an Avro
         * converter writing through the registry of {@code cdc.schema-registry.url}, Confluent wire format).
         */
        @WithDefault("json")
        Converter converter();

        /** Whether the JSON converter wrote {schema, payload} ({@code value.converter.schemas.enable}). */
        @WithDefault("true")
        boolean schemas();

        /**
         * Types of fields the wire cannot describe without schemas: {@code decimal(2)},
         * {@code decimal-string}, {@code variable-scale-decimal}, {@code date}, {@code timestamp},
         * {@code micro-timestamp}, {@code nano-timestamp}, {@code zoned-timestamp}, {@code time},
         * {@code micro-time}, {@code nano-time}, {@code json}, {@code bytes}.
         */
        Map<String, String> fields();

        /** Transforms in order, e.g. {@code email:email,phone:phone,flatten:shipping_address}. */
        Optional<List<String>> transforms();

        /** Validation rules, e.g. {@code required:email,min:total=0,enum:status=PENDING|PAID}. */
        Optional<List<String>> rules();
    }
}
