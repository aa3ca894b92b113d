package com.shop.cdc.common.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short fingerprint of a row as a target stores it: the first 128 bits of its SHA-256, in hex. */
public final class RowDigest {

    private RowDigest() {
    }

    public static String of(String stored) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stored.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
