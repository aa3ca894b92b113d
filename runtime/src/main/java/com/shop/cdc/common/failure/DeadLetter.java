package com.shop.cdc.common.failure;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.validate.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

/**
 * A record that failed for good, with everything an operator needs to find, understand, fix and
 * replay it: the original bytes and coordinates, where it failed and why.
 *
 * @param stage      {@code decode}, {@code transform}, {@code validate}, {@code route} or {@code write}
 * @param errorClass the exception's class, or the kind of failure where there was no exception
 * @param stackTrace bounded; empty where the failure is a finding rather than an exception
 */
// Jackson writes the violations into the headers and the ledger by reflection: native images keep their accessors.
@RegisterForReflection(targets = Violation.class)
public record DeadLetter(RawRecord record, String service, String stage, String errorClass, String message,
                         String field, String stackTrace, List<Violation> violations, Instant failedAt) {

    /** Stack traces are cut to this many characters: enough to locate a failure, small enough for a header. */
    static final int MAX_STACK_TRACE = 4000;

    public DeadLetter {
        violations = List.copyOf(violations);
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    /**
     * A record the pipeline rejected.
     *
     * @param field      the offending field, or null
     * @param violations the validation rules it broke; empty unless {@code stage} is {@code VALIDATE}
     * @param cause      the exception behind the failure, for the stack trace; else null
     */
    public static DeadLetter rejected(RawRecord record, Stage stage, String reason, String field,
                                      List<Violation> violations, Throwable cause, String service, Instant now) {
        String errorClass = cause != null ? cause.getClass().getName() : switch (stage) {
            case DECODE -> "DecodeFailure";
            case TRANSFORM -> "TransformFailure";
            case VALIDATE -> "ValidationFailure";
            case ROUTE -> "NoRoute";
            case WRITE -> "TargetRejection";
        };
        return new DeadLetter(record, service, stage.label(), errorClass, reason, field, stackTrace(cause),
                violations, now);
    }

    /** A change a target refused for its content: stage {@code write}, the message naming the target. */
    public static DeadLetter refused(RawRecord record, String target, String reason, String service, Instant now) {
        String message = reason.startsWith(target + " ") ? reason : target + ": " + reason;
        return new DeadLetter(record, service, "write", "TargetRejection", message, null, "", List.of(), now);
    }

    static String stackTrace(Throwable cause) {
        if (cause == null) {
            return "";
        }
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        return text.length() <= MAX_STACK_TRACE ? text : text.substring(0, MAX_STACK_TRACE) + "\n\t…";
    }
}
