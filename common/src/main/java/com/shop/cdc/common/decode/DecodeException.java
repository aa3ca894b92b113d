package com.shop.cdc.common.decode;

/** Why a record cannot be decoded; thrown inside a decoder and turned into a {@link Decoded.Failure} at its boundary. */
final class DecodeException extends RuntimeException {

    private final String field;

    DecodeException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    DecodeException(String message) {
        this(message, null);
    }

    String field() {
        return field;
    }
}
