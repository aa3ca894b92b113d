package com.shop.cdc.common.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.Decoders;
import com.shop.cdc.common.decode.LogicalType;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public ChangePipeline pipeline(PipelineConfig config, ObjectMapper json) {
        return build(config, json);
    }

    public static ChangePipeline build(PipelineConfig config, ObjectMapper json) {
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
            topics.put(topic, new ChangePipeline.TopicSteps(
                    Decoders.create(settings.format(), settings.schemas(), types, json, config.maxRecordBytes()),
                    new TransformChain(transforms), new Validator(rules)));
        });
        return new ChangePipeline(topics);
    }

    private static <T> T parse(String property, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration " + property + "=" + value + ": " + e.getMessage(), e);
        }
    }
}
