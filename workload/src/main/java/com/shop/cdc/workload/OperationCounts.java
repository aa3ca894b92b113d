package com.shop.cdc.workload;

import java.util.Map;
import java.util.TreeMap;

/** How many operations of each kind a workload applied; printed at the end of a run. */
final class OperationCounts {

    private final String domain;
    private final Map<String, Integer> counts = new TreeMap<>();

    OperationCounts(String domain) {
        this.domain = domain;
    }

    void add(String kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    @Override
    public String toString() {
        return domain + " " + counts;
    }
}
