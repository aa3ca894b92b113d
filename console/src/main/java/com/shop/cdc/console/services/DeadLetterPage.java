package com.shop.cdc.console.services;

import java.util.List;

/** A page of a service's dead letters and how many match in all. */
public record DeadLetterPage(List<DeadLetter> items, long total, int page, int size) {
}
