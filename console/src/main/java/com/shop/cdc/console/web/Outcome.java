package com.shop.cdc.console.web;

import java.util.List;

/** What an action did, shown on the result page; lines name ids and states only. */
public record Outcome(String title, boolean ok, List<String> lines, String back) {
}
