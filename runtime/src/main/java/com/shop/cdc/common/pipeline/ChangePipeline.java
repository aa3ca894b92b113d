package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.Decoded;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.decode.RecordDecoder;
import com.shop.cdc.common.decode.RegistryUnavailableException;
import com.shop.cdc.common.decode.Topics;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.failure.Stage;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.transform.TransformChain;
import com.shop.cdc.common.validate.Validator;
import com.shop.cdc.common.validate.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * decode → route → transform → validate for every consumed topic; pure, thread-safe, built once from
 * configuration. Total: whatever a record holds, it ends as an outcome, never an exception, since
 * one that escaped would fail its batch and stop the channel on the same record after every restart.
 * The one exception is the schema registry not answering, which is nobody's verdict on the record:
 * a {@link TargetUnavailableException}, waited for as a target's outage is.
 */
public final class ChangePipeline {

    /**
     * Why no target of the service keeps a decoded change's table, if none does. Checked before the
     * topic's rules, so that a table nobody keeps is reported as such, not as a broken rule.
     */
    @FunctionalInterface
    public interface RouteCheck {
        RouteCheck ANY = change -> Optional.empty();

        Optional<String> unrouted(ChangeEvent change);
    }

    /** The three steps of one topic. */
    public record TopicSteps(RecordDecoder decoder, TransformChain transforms, Validator validator) {
    }

    private static final int MAX_FIELDS_NAMED = 12;

    private final Map<String, TopicSteps> topics;

    public ChangePipeline(Map<String, TopicSteps> topics) {
        this.topics = Map.copyOf(topics);
    }

    public Outcome process(RawRecord record) {
        return process(record, RouteCheck.ANY);
    }

    public Outcome process(RawRecord record, RouteCheck routes) {
        String topic = record.origin().topic();
        TopicSteps steps = topics.get(topic);
        if (steps == null) {
            return new Outcome.Rejected(Stage.DECODE, "topic " + topic
                    + " has no configuration under cdc.pipeline.topics", null, List.of(), record.origin());
        }
        Decoded decoded;
        try {
            decoded = steps.decoder().decode(record);
        } catch (RegistryUnavailableException e) {
            throw new TargetUnavailableException(RegistryUnavailableException.NAME, e);
        } catch (RuntimeException | StackOverflowError e) {
            return fault(Stage.DECODE, "a record of " + topic + " decoded or rejected with a reason ("
                    + Topics.property(topic, "format") + ")", record.summary(), record, e);
        }
        if (decoded instanceof Decoded.Failure failure) {
            return new Outcome.Rejected(Stage.DECODE, failure.reason(), failure.field(), List.of(), record.origin(),
                    failure.cause());
        }
        if (!(decoded instanceof Decoded.Change change)) {
            return new Outcome.Skipped(decoded);
        }
        Optional<String> unrouted = routes.unrouted(change.event());
        if (unrouted.isPresent()) {
            return new Outcome.Rejected(Stage.ROUTE, unrouted.get(), null, List.of(), record.origin());
        }
        ChangeEvent event;
        try {
            event = steps.transforms().apply(change.event());
        } catch (RuntimeException | StackOverflowError e) {
            return fault(Stage.TRANSFORM, "values the transforms of " + Topics.property(topic, "transforms")
                    + " accept", fields(change.event()), record, e);
        }
        List<Violation> violations;
        try {
            violations = List.copyOf(steps.validator().validate(event)); // a rule's null violation is its fault too
        } catch (RuntimeException | StackOverflowError e) {
            return fault(Stage.VALIDATE, "values the rules of " + Topics.property(topic, "rules") + " can judge",
                    fields(event), record, e);
        }
        if (!violations.isEmpty()) {
            return new Outcome.Rejected(Stage.VALIDATE, violations.size() + " rule(s) broken: "
                    + violations.get(0).message() + (violations.size() > 1 ? ", …" : ""), violations.get(0).field(),
                    violations, record.origin());
        }
        return new Outcome.Accepted(event);
    }

    /**
     * A step failed instead of reporting a finding: the reason says which step, what it expected and
     * what the record held; the exception is kept only as the cause (the dead letter's error class).
     */
    private static Outcome.Rejected fault(Stage stage, String expected, String found, RawRecord record, Throwable e) {
        return new Outcome.Rejected(stage, "the " + stage.label() + " step stopped on an internal fault rather than "
                + "a finding about the record: expected " + expected + ", found " + found
                + "; the error class names the fault, and the record can be replayed once it is fixed", null, List.of(),
                record.origin(), e);
    }

    /** The row's fields with their value types, what a transform or rule fault is usually about. */
    private static String fields(ChangeEvent event) {
        Map<String, Object> row = event.row();
        if (row == null) {
            return "a " + event.operation().name().toLowerCase(java.util.Locale.ROOT) + " without row";
        }
        StringJoiner joined = new StringJoiner(", ", "fields ", row.size() > MAX_FIELDS_NAMED ? ", …" : "");
        row.entrySet().stream().limit(MAX_FIELDS_NAMED).forEach(field -> joined.add(field.getKey() + " ("
                + (field.getValue() == null ? "null" : field.getValue().getClass().getSimpleName()) + ")"));
        return joined.toString();
    }
}
