package com.shop.cdc.common.sink.warehouse;

import java.util.Arrays;

/**
 * COPY's text format written straight as the UTF-8 bytes the server reads: a batch's text is built once,
 * where a {@code String} would be copied again into the driver's characters and then its bytes.
 */
final class CopyText {

    private byte[] bytes;
    private int size;

    CopyText(int expectedBytes) {
        bytes = new byte[Math.max(expectedBytes, 1024)];
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    CopyText ascii(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Text known to be ASCII without COPY's delimiters: numbers, dates, times, instants. */
    CopyText ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    CopyText number(long value) {
        return ascii(Long.toString(value));
    }

    /**
     * Any text, with backslash, tab, newline and carriage return escaped (COPY's delimiters and escapes).
     * A lone surrogate becomes {@code ?}, as the driver's own encoding of a string makes it.
     */
    CopyText escaped(String text) {
        int length = text.length();
        ensure(3 * length); // the most a UTF-16 unit takes: three bytes, or two for an escape
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> pair('\\');
                    case '\t' -> pair('t');
                    case '\n' -> pair('n');
                    case '\r' -> pair('r');
                    default -> bytes[size++] = (byte) c;
                }
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xC0 | c >> 6);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                bytes[size++] = (byte) (0xE0 | c >> 12);
                bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i)); // four bytes for two units
                bytes[size++] = (byte) (0xF0 | point >> 18);
                bytes[size++] = (byte) (0x80 | point >> 12 & 0x3F);
                bytes[size++] = (byte) (0x80 | point >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | point & 0x3F);
            } else {
                bytes[size++] = '?';
            }
        }
        return this;
    }

    private void pair(char escape) {
        bytes[size++] = '\\';
        bytes[size++] = (byte) escape;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
