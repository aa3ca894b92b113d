package com.shop.cdc.common.failure.ledger;

import java.time.Instant;

/** Which dead letters an operator asks for; a null criterion matches everything. */
public record DeadLetterFilter(String topic, String stage, String errorClass, DeadLetterStatus status, Instant from,
                               Instant to) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null, null);
}
