package com.shop.cdc.common.validate;

/**
 * One broken rule of one record; a record reports all of its violations at once. Jackson writes them
 * into the dead-letter headers and ledger by reflection: {@code DeadLetter} registers this type for
 * native images, so the model stays free of Quarkus.
 */
public record Violation(String field, String rule, String message) {
}
