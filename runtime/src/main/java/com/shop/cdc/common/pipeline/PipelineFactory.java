package com.shop.cdc.common.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.AvroSchemas;
import com.shop.cdc.common.decode.Converter;
import com.shop.cdc.common.decode.Decoders;
import com.shop.cdc.common.decode.LogicalType;
import com.shop.cdc.common.decode.RecordDecoder;
import com.shop.cdc.common.service.ServiceName;
import com.shop.cdc.common.target.Targets;
import com.shop.cdc.common.transform.RowTransform;
import com.shop.cdc.common.transform.TransformChain;
import com.shop.cdc.common.transform.TransformSpec;
import com.shop.cdc.common.validate.Rule;
import com.shop.cdc.common.validate.RuleSpec;
import com.shop.cdc.common.validate.Validator;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the {@link ChangePipeline} from {@link PipelineConfig} at start-up, so that a bad
 * configuration stops the service with a message naming the property instead of failing records.
 */
@ApplicationScoped
public class PipelineFactory {

    private static final String PREFIX = "cdc.pipeline.topics.\"";

    @Produces
    @Singleton
    @Startup
    public ChangePipeline pipeline(PipelineConfig config, ObjectMapper json, SchemaRegistry registry,
                                   @ConfigProperty(name = PipelineConfig.CONSUMED_TOPICS) List<String> consumed) {
        requireConfigured(consumed, config);
        return build(config, json, registry.schemas());
    }

    /** Which tables the service's targets keep; fails start-up on a kept table that no declared topic carries. */
    @Produces
    @Singleton
    public Routing routing(Targets targets, ServiceName service, PipelineConfig config) {
        Routing routing = new Routing(targets.writers(), service.value());
        routing.requireConsumable(config.topics().keySet());
        return routing;
    }

    /** Fails start-up on a consumed topic without settings, whose every record would otherwise be a dead letter. */
    static void requireConfigured(List<String> consumed, PipelineConfig config) {
        for (String topic : consumed) {
            if (!config.topics().containsKey(topic)) {
                throw new IllegalArgumentException(PipelineConfig.CONSUMED_TOPICS + " names topic " + topic
                        + ", which has no settings: expected " + PREFIX + topic + "\".format (and its transforms and"
                        + " rules), found settings for " + new TreeSet<>(config.topics().keySet())
                        + "; the shop's topics are declared in the topics module");
            }
        }
    }

    /** A pipeline of JSON topics only. */
    public static ChangePipeline build(PipelineConfig config, ObjectMapper json) {
        return build(config, json, null);
    }

    /** @param schemas the registry of the topics whose converter is Avro */
    public static ChangePipeline build(PipelineConfig config, ObjectMapper json, AvroSchemas schemas) {
        Map<String, ChangePipeline.TopicSteps> topics = new LinkedHashMap<>();
        config.topics().forEach((topic, settings) -> {
            String property = PREFIX + topic + "\".";
            Map<String, LogicalType> types = new LinkedHashMap<>();
            settings.fields().forEach((field, type) ->
                    types.put(field, parse(property + "fields." + field, type, LogicalType::parse)));
            List<RowTransform> transforms = new ArrayList<>();
            settings.transforms().orElse(List.of()).forEach(spec -> transforms.add(parse(property + "transforms", spec,
                    s -> TransformSpec.parse(s, config.hashSalt(), config.phoneRegion()))));
            List<Rule> rules = new ArrayList<>();
            settings.rules().orElse(List.of()).forEach(spec -> rules.add(parse(property + "rules", spec, RuleSpec::parse)));
            RecordDecoder decoder = settings.format().converter(settings.converter()) == Converter.AVRO
                    ? Decoders.avro(settings.format(), requireRegistry(schemas, property), json, config.maxRecordBytes())
                    : Decoders.create(settings.format(), settings.schemas(), types, json, config.maxRecordBytes());
            topics.put(topic, new ChangePipeline.TopicSteps(decoder, new TransformChain(transforms), new Validator(rules)));
        });
        return new ChangePipeline(topics);
    }

    private static AvroSchemas requireRegistry(AvroSchemas schemas, String property) {
        if (schemas == null) {
            throw new IllegalArgumentException(property + "converter=avro needs a schema registry ("
                    + SchemaRegistryConfig.URL + ")");
        }
        return schemas;
    }

    private static <T> T parse(String property, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration " + property + "=" + value + ": " + e.getMessage(), e);
        }
    }
}
