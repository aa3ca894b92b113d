package com.shop.cdc.common.failure;

import java.util.Locale;

/**
 * Where a record failed; named in dead-letter headers: {@code decode}, {@code transform},
 * {@code validate}, {@code route} (no target of the service keeps its table), {@code write} (a
 * healthy target refused it every time).
 */
public enum Stage {
    DECODE, TRANSFORM, VALIDATE, ROUTE, WRITE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
