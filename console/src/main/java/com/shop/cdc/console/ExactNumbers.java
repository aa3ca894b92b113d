package com.shop.cdc.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Records' values pass through the console as JSON trees: a decimal must come out as the source wrote it
 * ({@code 0.1000000000000000055511151231257827}, {@code 1.10}), not as the nearest double or without its zeros.
 */
@Singleton
public class ExactNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper json) {
        json.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        json.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
