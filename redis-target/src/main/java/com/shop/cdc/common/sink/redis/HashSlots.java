package com.shop.cdc.common.sink.redis;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's hash slots: CRC16 (XMODEM) of a key's hash tag (the text between its first
 * {@code {}} and the next {@code }}}, when not empty) or of the whole key, modulo 16384.
 */
final class HashSlots {

    static final int COUNT = 16384;
    /** For each slot a short text hashing to it: the tag of that slot's copy of a per-slot key. */
    private static final String[] TAGS = tags();

    private HashSlots() {
    }

    static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                return crc16(bytes, open + 1, close) % COUNT;
            }
        }
        return crc16(bytes, 0, bytes.length) % COUNT;
    }

    /** A text whose slot is {@code slot}: {@code {<tag>}} makes any key land there. */
    static String tag(int slot) {
        return TAGS[slot];
    }

    private static String[] tags() {
        String[] tags = new String[COUNT];
        int found = 0;
        for (int i = 0; found < COUNT; i++) {
            byte[] text = Integer.toString(i, 36).getBytes(StandardCharsets.UTF_8);
            int slot = crc16(text, 0, text.length) % COUNT;
            if (tags[slot] == null) {
                tags[slot] = Integer.toString(i, 36);
                found++;
            }
        }
        return tags;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
