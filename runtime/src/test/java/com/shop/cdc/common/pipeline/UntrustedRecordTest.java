package com.shop.cdc.common.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.shop.cdc.common.decode.Corpus;
import com.shop.cdc.common.decode.Decoders;
import com.shop.cdc.common.decode.Format;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.Stage;
import com.shop.cdc.common.transform.TransformChain;
import com.shop.cdc.common.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * No record, whatever its bytes, headers or schema, stops a service: building the raw record and
 * processing it never throw; a fault anywhere in decode, transform or validate becomes a rejection
 * with a human reason, the exception kept only as the dead letter's error class.
 */
class UntrustedRecordTest {

    private static final String TOPIC = "shop.public.users";
    private static final String INTERNAL = "(?s).*(Exception|Cannot invoke|because \"|Error).*";
    private static final byte[] INVALID_UTF8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff};

    @Test
    void aHeaderWithoutValueAndRepeatedHeaderNamesBuildARawRecord() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("__debezium.context.taskId", (byte[]) null));
        headers.add(new RecordHeader("trace", "a".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("trace", "b".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(ChangeEvent.NEW_KEY_HEADER, INVALID_UTF8));
        RawRecord alice = Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
        ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>(TOPIC, 0, 5, 0, TimestampType.CREATE_TIME, 0, 0,
                alice.key(), alice.value(), headers, java.util.Optional.empty());

        RawRecord raw = BatchProcessor.raw(consumed);

        assertThat(raw.headers()).containsKey("__debezium.context.taskId").containsEntry("__debezium.context.taskId", null);
        assertThat(raw.size()).isEqualTo(alice.key().length + alice.value().length + 1 + 3);
        Outcome outcome = pipeline().process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(((Outcome.Accepted) outcome).event().movedToKey()).isPresent();
    }

    @Test
    void aNullHeaderValueGivenDirectly() {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("h", null);
        assertThatCode(() -> new RawRecord(origin(), null, null, headers)).doesNotThrowAnyException();
    }

    @Test
    void anyBytesEndDecodedOrRejectedNeverThrown() {
        ChangePipeline pipeline = pipeline();
        Random random = new Random(42);
        List<RawRecord> corpus = Corpus.load("pg-default/pg.schemas-true.jsonl");
        for (int i = 0; i < 2_000; i++) {
            byte[] value = corpus.get(random.nextInt(corpus.size())).value();
            value = value == null ? new byte[0] : value.clone();
            for (int flips = random.nextInt(4); flips >= 0 && value.length > 0; flips--) {
                value[random.nextInt(value.length)] = (byte) random.nextInt(256);
            }
            Map<String, byte[]> headers = new HashMap<>();
            headers.put(ChangeEvent.OLD_KEY_HEADER, random.nextBoolean() ? null : INVALID_UTF8);
            RawRecord record = new RawRecord(origin(), random.nextBoolean() ? new byte[0] : corpus.get(0).key(),
                    value, headers);
            assertThatCode(() -> pipeline.process(record)).as("record %d", i).doesNotThrowAnyException();
        }
    }

    @Test
    void aDecoderFaultIsARejectionWithAHumanReason() {
        ChangePipeline pipeline = new ChangePipeline(Map.of(TOPIC, new ChangePipeline.TopicSteps(
                record -> { throw new IllegalStateException("internal detail"); }, TransformChain.NONE, Validator.NONE)));
        Outcome.Rejected rejected = (Outcome.Rejected) pipeline.process(alice());
        assertThat(rejected.stage()).isEqualTo(Stage.DECODE);
        assertThat(rejected.reason()).doesNotMatch(INTERNAL).doesNotContain("internal detail").contains("decod");
        assertThat(rejected.cause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTransformFaultIsARejectionNamingTheTransformsProperty() {
        TransformChain failing = new TransformChain(List.of(row -> row.put("email", ((String) row.get("loyalty_points")).trim())));
        Outcome.Rejected rejected = (Outcome.Rejected) steps(failing, Validator.NONE).process(alice());
        assertThat(rejected.stage()).isEqualTo(Stage.TRANSFORM);
        assertThat(rejected.reason()).doesNotMatch(INTERNAL)
                .contains("cdc.pipeline.topics.\"" + TOPIC + "\".transforms", "loyalty_points (Long)");
        assertThat(rejected.cause()).isInstanceOf(ClassCastException.class);
    }

    @Test
    void aRuleFaultOrAStackOverflowIsARejection() {
        Validator failing = new Validator(List.of((row, violations) -> { throw new NullPointerException(); }));
        Outcome.Rejected rejected = (Outcome.Rejected) steps(TransformChain.NONE, failing).process(alice());
        assertThat(rejected.stage()).isEqualTo(Stage.VALIDATE);
        assertThat(rejected.reason()).doesNotMatch(INTERNAL).contains("cdc.pipeline.topics.\"" + TOPIC + "\".rules");

        Validator nullViolation = new Validator(List.of((row, violations) -> violations.add(null)));
        assertThat(steps(TransformChain.NONE, nullViolation).process(alice())).isInstanceOf(Outcome.Rejected.class);

        TransformChain deep = new TransformChain(List.of(row -> { throw new StackOverflowError(); }));
        assertThat(steps(deep, Validator.NONE).process(alice())).isInstanceOf(Outcome.Rejected.class);
    }

    private static ChangePipeline pipeline() {
        return steps(TransformChain.NONE, Validator.NONE);
    }

    private static ChangePipeline steps(TransformChain transforms, Validator validator) {
        return new ChangePipeline(Map.of(TOPIC, new ChangePipeline.TopicSteps(
                Decoders.create(Format.DEBEZIUM_JSON, true, Map.of(), Corpus.JSON, 1 << 20), transforms, validator)));
    }

    private static RawRecord alice() {
        return Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
    }

    private static KafkaCoordinates origin() {
        return new KafkaCoordinates(TOPIC, 0, 1, 0);
    }
}
