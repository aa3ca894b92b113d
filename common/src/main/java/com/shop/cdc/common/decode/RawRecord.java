package com.shop.cdc.common.decode;

import com.shop.cdc.common.event.KafkaCoordinates;
import java.util.Map;

/** A Kafka record as consumed: bytes, not yet trusted. {@code key} and {@code value} may be null. */
public record RawRecord(KafkaCoordinates origin, byte[] key, byte[] value, Map<String, byte[]> headers) {

    public RawRecord {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Bytes of key, value and headers: what the size limit is checked against before parsing. */
    public long size() {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (byte[] header : headers.values()) {
            size += header == null ? 0 : header.length;
        }
        return size;
    }
}
