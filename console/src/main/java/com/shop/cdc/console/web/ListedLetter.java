package com.shop.cdc.console.web;

import com.shop.cdc.console.services.DeadLetter;

/** A dead letter with the service whose ledger holds it. */
public record ListedLetter(String service, DeadLetter letter) {
}
