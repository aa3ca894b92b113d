package com.shop.cdc.common.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter as the API shows it. Key and value are shown as JSON when they parse, as text when
 * they are UTF-8, and as base64 otherwise ({@code encoding} says which), and so are the record's
 * headers; lists leave them out.
 */
public record DeadLetterView(long id, String topic, int partition, long offset, Instant sourceTimestamp, String stage,
                             String errorClass, String message, String field, JsonNode violations, int attempts,
                             Instant firstFailedAt, Instant lastFailedAt, DeadLetterStatus status, String resolvedBy,
                             Instant resolvedAt, String resolution, Payload key, Payload value, String stackTrace,
                             Map<String, Payload> headers) {

    /** A key or value: {@code json}, {@code text} or {@code base64}, or null when the record had none. */
    public record Payload(String encoding, JsonNode content) {
    }

    public static DeadLetterView summary(DeadLetterEntry entry, ObjectMapper json) {
        return of(entry, json, false);
    }

    public static DeadLetterView detail(DeadLetterEntry entry, ObjectMapper json) {
        return of(entry, json, true);
    }

    private static DeadLetterView of(DeadLetterEntry entry, ObjectMapper json, boolean detail) {
        return new DeadLetterView(entry.id, entry.sourceTopic, entry.sourcePartition, entry.sourceOffset,
                entry.sourceTimestamp, entry.stage, entry.errorClass, entry.message, entry.field,
                parse(entry.violations, json), entry.attempts, entry.firstFailedAt, entry.lastFailedAt, entry.status,
                entry.resolvedBy, entry.resolvedAt, entry.resolution,
                detail ? payload(entry.recordKey, json) : null, detail ? payload(entry.recordValue, json) : null,
                detail ? entry.stackTrace : null, detail ? headers(entry.recordHeaders, json) : null);
    }

    /** The record's headers (stored as JSON, values base64), each shown as a key or value is. */
    private static Map<String, Payload> headers(String stored, ObjectMapper json) {
        Map<String, Payload> headers = new LinkedHashMap<>();
        JsonNode parsed = stored == null ? null : parse(stored, json);
        if (parsed != null && parsed.isObject()) {
            parsed.properties().forEach(header -> headers.put(header.getKey(), header.getValue().isNull() ? null
                    : payload(Base64.getDecoder().decode(header.getValue().asText()), json)));
        }
        return headers;
    }

    private static JsonNode parse(String text, ObjectMapper json) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }

    static Payload payload(byte[] bytes, ObjectMapper json) {
        if (bytes == null) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Payload("base64", TextNode.valueOf(Base64.getEncoder().encodeToString(bytes)));
        }
        try {
            return new Payload("json", json.readTree(text));
        } catch (IOException | RuntimeException e) {
            return new Payload("text", TextNode.valueOf(text));
        }
    }
}
