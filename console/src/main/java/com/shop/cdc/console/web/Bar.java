package com.shop.cdc.console.web;

import java.util.ArrayList;
import java.util.List;

/** One bar of the dead-letters-per-hour chart, in the SVG's coordinates (480 × 100). */
public record Bar(int x, int y, int height, int hoursAgo, long count) {

    static final int WIDTH = 20;
    static final int HEIGHT = 100;

    /** Bars for counts, oldest first, scaled to the largest. */
    static List<Bar> of(long[] counts) {
        long max = 1;
        for (long count : counts) {
            max = Math.max(max, count);
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            int height = (int) Math.round((double) counts[i] * HEIGHT / max);
            bars.add(new Bar(i * WIDTH, HEIGHT - height, height, counts.length - 1 - i, counts[i]));
        }
        return bars;
    }
}
