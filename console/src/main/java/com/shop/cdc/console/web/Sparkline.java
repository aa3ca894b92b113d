package com.shop.cdc.console.web;

import com.shop.cdc.console.lag.LagHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;

/**
 * A small line chart of the last hour in the SVG's coordinates ({@value #WIDTH} × {@value #HEIGHT}): time
 * left to right, the value scaled to the hour's largest, which the page prints beside it.
 *
 * @param points the polyline's points, empty before the first sample
 * @param max    the largest value of the hour
 * @param last   the newest value
 */
public record Sparkline(String points, double max, double last) {

    static final int WIDTH = 240;
    static final int HEIGHT = 40;
    private static final Duration SPAN = Duration.ofHours(1);

    static Sparkline of(List<LagHistory.Sample> samples, ToDoubleFunction<LagHistory.Sample> value, Instant now) {
        double max = samples.stream().mapToDouble(value).max().orElse(0);
        double scale = max > 0 ? (HEIGHT - 1) / max : 0;
        StringJoiner points = new StringJoiner(" ");
        for (LagHistory.Sample sample : samples) {
            double age = Duration.between(sample.at(), now).toMillis();
            double x = Math.max(0, WIDTH * (1 - age / SPAN.toMillis()));
            double y = HEIGHT - value.applyAsDouble(sample) * scale;
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        double last = samples.isEmpty() ? 0 : value.applyAsDouble(samples.get(samples.size() - 1));
        return new Sparkline(points.toString(), max, last);
    }

    /** The largest value, rounded for the page. */
    public long maxRounded() {
        return Math.round(max);
    }

    public long lastRounded() {
        return Math.round(last);
    }
}
