package com.shop.cdc.common.pipeline;

import java.util.Locale;

/** Where a record failed; named in dead-letter headers ({@code decode}, {@code transform}, {@code validate}). */
public enum Stage {
    DECODE, TRANSFORM, VALIDATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
