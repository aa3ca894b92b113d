package com.shop.cdc.common.failure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers of a dead-letter record: the original record's headers, then what Kafka Connect's
 * dead-letter queue writes ({@code __connect.errors.*}, so tools made for it read ours), then what
 * it lacks ({@code cdc.errors.*}: the service, the field at fault, the violations as JSON, the
 * failure time, the attempt count and the original record's timestamp).
 */
public final class DeadLetterHeaders {

    public static final String TOPIC = "__connect.errors.topic";
    public static final String PARTITION = "__connect.errors.partition";
    public static final String OFFSET = "__connect.errors.offset";
    public static final String STAGE = "__connect.errors.stage";
    public static final String EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    public static final String EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    public static final String EXCEPTION_STACKTRACE = "__connect.errors.exception.stacktrace";
    public static final String SERVICE = "cdc.errors.service";
    public static final String FIELD = "cdc.errors.field";
    public static final String VIOLATIONS = "cdc.errors.violations";
    public static final String TIMESTAMP = "cdc.errors.timestamp";
    public static final String FAILED_AT = "cdc.errors.failed.at";
    public static final String ATTEMPTS = "cdc.errors.attempts";
    /** Set when the value was left out of the topic because it exceeds the topic's size limit; the ledger keeps it. */
    public static final String VALUE_OMITTED = "cdc.errors.value.omitted.bytes";

    private DeadLetterHeaders() {
    }

    public static List<Header> of(DeadLetter letter, int attempts, ObjectMapper json) {
        List<Header> headers = new ArrayList<>();
        letter.record().headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        var origin = letter.record().origin();
        add(headers, TOPIC, origin.topic());
        add(headers, PARTITION, Integer.toString(origin.partition()));
        add(headers, OFFSET, Long.toString(origin.offset()));
        add(headers, STAGE, letter.stage());
        add(headers, EXCEPTION_CLASS, letter.errorClass());
        add(headers, EXCEPTION_MESSAGE, letter.message());
        if (!letter.stackTrace().isEmpty()) {
            add(headers, EXCEPTION_STACKTRACE, letter.stackTrace());
        }
        add(headers, SERVICE, letter.service());
        if (letter.field() != null) {
            add(headers, FIELD, letter.field());
        }
        add(headers, VIOLATIONS, violations(letter, json));
        add(headers, TIMESTAMP, Long.toString(origin.timestamp()));
        add(headers, FAILED_AT, letter.failedAt().toString());
        add(headers, ATTEMPTS, Integer.toString(attempts));
        return headers;
    }

    /** The violations as the JSON array both the header and the ledger carry. */
    public static String violations(DeadLetter letter, ObjectMapper json) {
        try {
            return json.writeValueAsString(letter.violations());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("violations are plain strings", e);
        }
    }

    private static void add(List<Header> headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
