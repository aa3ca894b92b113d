package com.shop.cdc.console.web;

import com.shop.cdc.console.lag.GroupLag;
import com.shop.cdc.console.services.ReconciliationReport;

/**
 * One service on the overview. State: ready, paused (a target down, named), lagging (group lag above
 * {@code console.lag-threshold}), or unreachable; the other columns say why they are empty when they are.
 * The two lines chart the last hour's lag and records committed per second.
 */
public record ServiceRow(String name, String state, String stateDetail, GroupLag lag, Sparkline lagLine,
                         Sparkline rateLine, Long deadLetters, String deadLettersError,
                         ReconciliationReport lastReconciliation, String reconciliationError) {
}
