package com.shop.cdc.common.transform;

import com.shop.cdc.common.event.ChangeEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured transforms of a topic, applied in order to both row images of a change. */
public record TransformChain(List<RowTransform> steps) {

    public static final TransformChain NONE = new TransformChain(List.of());

    public TransformChain {
        steps = List.copyOf(steps);
    }

    public ChangeEvent apply(ChangeEvent event) {
        if (steps.isEmpty()) {
            return event;
        }
        return event.withImages(apply(event.before()), apply(event.after()));
    }

    private Map<String, Object> apply(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        // forEach reaches the decoded map itself; copying through the read-only view's entry set wraps every entry.
        Map<String, Object> working = new LinkedHashMap<>(row.size() * 4 / 3 + 1);
        row.forEach(working::put);
        for (RowTransform step : steps) {
            step.apply(working);
        }
        return Collections.unmodifiableMap(working);
    }
}
