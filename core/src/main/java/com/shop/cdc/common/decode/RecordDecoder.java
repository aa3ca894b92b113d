package com.shop.cdc.common.decode;

/** Turns one raw record into a {@link Decoded}; chosen once per topic, pure and thread-safe. */
@FunctionalInterface
public interface RecordDecoder {

    Decoded decode(RawRecord record);
}
