package com.shop.cdc.search.elasticsearch;

import java.util.Map;

/**
 * Where each index is written and read back, once set up: writes go to {@code targets} (the alias,
 * or the concrete index while it is being rebuilt), reads of stored documents and sweeps go to the
 * concrete index of the configured generation.
 */
record IndexLayout(Map<SearchIndex, IndexTarget> targets, Map<SearchIndex, String> concrete) {

    IndexLayout {
        targets = Map.copyOf(targets);
        concrete = Map.copyOf(concrete);
    }

    IndexTarget target(SearchIndex index) {
        return targets.get(index);
    }

    String concrete(SearchIndex index) {
        return concrete.get(index);
    }
}
