package com.shop.cdc.common.event;

/**
 * PostgreSQL's {@code infinity} and {@code -infinity} for dates and timestamps. Debezium encodes
 * them as sentinels ({@code "infinity"}, {@code 9223372036825200000} µs, {@code 2147483647} days
 * and their negatives) that would otherwise decode to bogus instants; they stay explicit values
 * and each target decides how to store them (docs/targets.md).
 */
public enum Infinity {
    POSITIVE("infinity"), NEGATIVE("-infinity");

    private final String text;

    Infinity(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
