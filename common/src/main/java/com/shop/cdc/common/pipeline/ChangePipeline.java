package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.Decoded;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.decode.RecordDecoder;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.transform.TransformChain;
import com.shop.cdc.common.validate.Validator;
import com.shop.cdc.common.validate.Violation;
import java.util.List;
import java.util.Map;

/** decode → transform → validate for every consumed topic; pure, thread-safe, built once from configuration. */
public final class ChangePipeline {

    /** The three steps of one topic. */
    public record TopicSteps(RecordDecoder decoder, TransformChain transforms, Validator validator) {
    }

    private final Map<String, TopicSteps> topics;

    public ChangePipeline(Map<String, TopicSteps> topics) {
        this.topics = Map.copyOf(topics);
    }

    public Outcome process(RawRecord record) {
        TopicSteps steps = topics.get(record.origin().topic());
        if (steps == null) {
            return new Outcome.Rejected(Stage.DECODE, "topic " + record.origin().topic()
                    + " has no configuration under cdc.pipeline.topics", null, List.of(), record.origin());
        }
        Decoded decoded = steps.decoder().decode(record);
        if (decoded instanceof Decoded.Failure failure) {
            return new Outcome.Rejected(Stage.DECODE, failure.reason(), failure.field(), List.of(), record.origin());
        }
        if (!(decoded instanceof Decoded.Change change)) {
            return new Outcome.Skipped(decoded);
        }
        ChangeEvent event;
        try {
            event = steps.transforms().apply(change.event());
        } catch (RuntimeException e) {
            return new Outcome.Rejected(Stage.TRANSFORM, e.getClass().getSimpleName() + ": " + e.getMessage(), null,
                    List.of(), record.origin(), e);
        }
        List<Violation> violations = steps.validator().validate(event);
        if (!violations.isEmpty()) {
            return new Outcome.Rejected(Stage.VALIDATE, violations.size() + " rule(s) broken: "
                    + violations.get(0).message() + (violations.size() > 1 ? ", …" : ""), violations.get(0).field(),
                    violations, record.origin());
        }
        return new Outcome.Accepted(event);
    }
}
