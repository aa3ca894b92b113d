package com.shop.cdc.common.validate;

/** One broken rule of one record; a record reports all of its violations at once. */
public record Violation(String field, String rule, String message) {
}
