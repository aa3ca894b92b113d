package com.shop.cdc.common.validate;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One broken rule of one record; a record reports all of its violations at once. Jackson writes them
 * into the dead-letter headers and ledger by reflection, so native images keep their accessors.
 */
@RegisterForReflection
public record Violation(String field, String rule, String message) {
}
