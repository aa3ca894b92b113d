package com.shop.cdc.common.decode;

/**
 * Why a record cannot be decoded, for a person: what was expected and what was found. Thrown inside
 * a decoder and turned into a {@link Decoded.Failure} at its boundary ({@link GuardedDecoder}), which
 * names the governing property with the record's topic, {@code cdc.pipeline.topics."<t>".<property>}.
 */
final class DecodeException extends RuntimeException {

    private final String field;
    private final String property;

    DecodeException(String message, String field, String property) {
        super(message, null, false, false);
        this.field = field;
        this.property = property;
    }

    DecodeException(String message, String field) {
        this(message, field, null);
    }

    DecodeException(String message) {
        this(message, null, null);
    }

    String field() {
        return field;
    }

    /** The topic's property that governs this failure ({@code schemas}, {@code fields.total}, …), or null. */
    String property() {
        return property;
    }

    /** The same finding, governed by the topic's {@code property}. */
    DecodeException governedBy(String topicProperty) {
        return new DecodeException(getMessage(), field, topicProperty);
    }
}
