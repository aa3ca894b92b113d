package com.shop.cdc.users;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the service's threads wait during a hang (the service runs in the test's JVM): each thread
 * inside the pipeline's code, with the frames it waits in and the first of ours under them, so a call
 * that waits without a bound is named in the test's output.
 */
final class StuckThreads {

    private static final String OURS = "com.shop.cdc.common";

    private StuckThreads() {
    }

    static String describe() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = entry.getValue();
            int ours = firstOfOurs(frames);
            if (ours < 0) {
                continue;
            }
            String top = Arrays.stream(frames, 0, Math.min(ours, 3)).map(StackTraceElement::toString)
                    .collect(Collectors.joining(" <- "));
            String mine = Arrays.stream(frames, ours, Math.min(frames.length, ours + 3)).map(StackTraceElement::toString)
                    .collect(Collectors.joining(" <- "));
            out.append("  ").append(entry.getKey().getName()).append(" (").append(entry.getKey().getState()).append("): ")
                    .append(top).append(ours > 3 ? " <- ... <- " : top.isEmpty() ? "" : " <- ").append(mine).append('\n');
        }
        return out.toString();
    }

    private static int firstOfOurs(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(OURS)) {
                return i;
            }
        }
        return -1;
    }
}
