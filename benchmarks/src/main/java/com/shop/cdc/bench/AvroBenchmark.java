package com.shop.cdc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.decode.AvroRecords;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.pipeline.Outcome;
import com.shop.cdc.common.pipeline.PipelineConfig;
import com.shop.cdc.common.pipeline.PipelineFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
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
 * decode → transform → validate of one captured PostgreSQL update (users), single thread, as Kafka's
 * JsonConverter with schemas wrote it and as the Apicurio Avro converter writes the same Connect data
 * (the Confluent wire format, its schema already fetched). The users domain's transforms and rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AvroBenchmark {

    @Param({"json", "avro"})
    public String converter;

    private ChangePipeline pipeline;
    private RawRecord record;

    @Setup
    public void setUp() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode line;
        try (InputStream in = getClass().getResourceAsStream("/users-update.schemas-true.json")) {
            line = json.readTree(in);
        }
        RawRecord fromJson = new RawRecord(new KafkaCoordinates("shop.public.users", 0, 0, 0),
                json.writeValueAsBytes(line.get("key")), json.writeValueAsBytes(line.get("value")), Map.of());
        AvroRecords registry = new AvroRecords();
        record = converter.equals("avro") ? registry.toAvro(fromJson) : fromJson;
        String topic = "cdc.pipeline.topics.\"shop.public.users\".";
        PipelineConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                        topic + "converter", converter,
                        topic + "transforms", "email:email,phone:phone",
                        topic + "rules", "required:email,email:email"), "bench", 100))
                .withMapping(PipelineConfig.class).build().getConfigMapping(PipelineConfig.class);
        pipeline = PipelineFactory.build(config, json, registry);
        System.out.printf("%n%s record: key %d bytes, value %d bytes%n", converter, record.key().length, record.value().length);
        if (!(pipeline.process(record) instanceof Outcome.Accepted)) {
            throw new IllegalStateException("the benchmark record must be accepted: " + pipeline.process(record));
        }
    }

    @Benchmark
    public Outcome decodeTransformValidate() {
        return pipeline.process(record);
    }
}
