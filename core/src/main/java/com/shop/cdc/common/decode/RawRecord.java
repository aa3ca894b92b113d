package com.shop.cdc.common.decode;

import com.shop.cdc.common.event.KafkaCoordinates;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kafka record as consumed: bytes, not yet trusted. {@code key} and {@code value} may be null, and
 * so may a header's value: Kafka allows a header without one, and building this record must never
 * throw, or one record would stop the service (the same record again after every restart).
 */
public record RawRecord(KafkaCoordinates origin, byte[] key, byte[] value, Map<String, byte[]> headers) {

    private static final int SUMMARY_BYTES = 60;

    public RawRecord {
        headers = headers == null || headers.isEmpty() ? Map.of() : copy(headers);
    }

    /** Map.copyOf refuses null values; Kafka has no null header names, so one here is dropped rather than fatal. */
    private static Map<String, byte[]> copy(Map<String, byte[]> headers) {
        Map<String, byte[]> copy = new LinkedHashMap<>(headers.size() * 4 / 3 + 1);
        headers.forEach((name, value) -> {
            if (name != null) {
                copy.put(name, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Bytes of key, value and headers: what the size limit is checked against before parsing. */
    public long size() {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (byte[] header : headers.values()) {
            size += header == null ? 0 : header.length;
        }
        return size;
    }

    /** The record in a few words for a reason: its sizes and the start of its value, control characters masked. */
    public String summary() {
        String start = value == null || value.length == 0 ? ""
                : " starting with " + new String(value, 0, Math.min(value.length, SUMMARY_BYTES), StandardCharsets.UTF_8)
                        .replaceAll("\\p{Cntrl}", "?") + (value.length > SUMMARY_BYTES ? "…" : "");
        return (key == null ? "no key" : "a key of " + key.length + " bytes") + ", "
                + (value == null ? "no value" : "a value of " + value.length + " bytes" + start) + ", "
                + headers.size() + " header" + (headers.size() == 1 ? "" : "s");
    }
}
