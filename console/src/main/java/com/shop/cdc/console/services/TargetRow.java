package com.shop.cdc.console.services;

/**
 * What a service's target holds under a key ({@code GET /reconciliation/targets/<target>/rows?key=}).
 *
 * @param row the row as JSON; null for a delete marker
 */
public record TargetRow(String key, long position, boolean deleted, String row) {
}
