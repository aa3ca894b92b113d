package com.shop.cdc.console;

import java.time.Duration;
import java.time.Instant;

/** How long something ran, or has been running, as the pages say it: "2 m 5 s". */
public final class Elapsed {

    private Elapsed() {
    }

    /** From start to end, or to now while it runs (end null). */
    public static String between(Instant start, Instant end) {
        Duration taken = Duration.between(start, end == null ? Instant.now() : end);
        return (taken.toMinutes() > 0 ? taken.toMinutes() + " m " : "") + taken.toSecondsPart() + " s";
    }
}
