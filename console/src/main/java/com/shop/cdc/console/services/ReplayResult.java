package com.shop.cdc.console.services;

/** What came of one replay: REPLAYED, FAILED (with the new failure) or NOT_NEW. */
public record ReplayResult(long id, String status, String stage, String message) {
}
