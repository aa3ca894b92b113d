package com.shop.cdc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.pipeline.Outcome;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.pipeline.PipelineFactory;
import com.shop.cdc.common.target.JsonDocument;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * decode → transform → validate of one captured PostgreSQL update (users), single thread, with
 * the users domain's configuration: email and E.164 phone transforms, required and email rules;
 * and the JSON document of its row, as Redis stores it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {

    @Param({"false", "true"})
    public boolean schemas;

    /** The users transforms as configured (email, phone), or without the E.164 phone step. */
    @Param({"email,phone", "email"})
    public String transforms;

    private ChangePipeline pipeline;
    private RawRecord record;
    private JsonFactory factory;
    private Map<String, Object> row;

    @Setup
    public void setUp() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode line;
        try (InputStream in = getClass().getResourceAsStream("/users-update.schemas-" + schemas + ".json")) {
            line = json.readTree(in);
        }
        record = new RawRecord(new KafkaCoordinates("shop.public.users", 0, 0, 0), json.writeValueAsBytes(line.get("key")),
                json.writeValueAsBytes(line.get("value")), Map.of());
        Map<String, String> properties = new HashMap<>();
        String topic = "cdc.pipeline.topics.\"shop.public.users\".";
        properties.put(topic + "schemas", Boolean.toString(schemas));
        properties.put(topic + "transforms", transforms.replace("email", "email:email").replace("phone", "phone:phone"));
        properties.put(topic + "rules", "required:email,email:email");
        if (!schemas) {
            properties.put(topic + "fields.balance", "decimal(2)");
            properties.put(topic + "fields.birth_date", "date");
            properties.put(topic + "fields.created_at", "zoned-timestamp");
            properties.put(topic + "fields.updated_at", "micro-timestamp");
            properties.put(topic + "fields.preferences", "json");
            properties.put(topic + "fields.lifetime_value", "variable-scale-decimal");
        }
        PipelineConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "bench", 100))
                .withMapping(PipelineConfig.class).build().getConfigMapping(PipelineConfig.class);
        pipeline = PipelineFactory.build(config, json);
        if (!(pipeline.process(record) instanceof Outcome.Accepted accepted)) {
            throw new IllegalStateException("the benchmark record must be accepted: " + pipeline.process(record));
        }
        row = accepted.event().after();
        factory = json.getFactory();
    }

    @Benchmark
    public Outcome decodeTransformValidate() {
        return pipeline.process(record);
    }

    @Benchmark
    public byte[] redisDocument() {
        return JsonDocument.utf8(row, factory);
    }
}
