package com.shop.cdc.common.failure.ledger;

/** Where a dead letter stands: waiting for an operator, replayed into the targets, or discarded with a reason. */
public enum DeadLetterStatus {
    NEW, REPLAYED, DISCARDED
}
