package com.shop.cdc.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The keys that currently exist at the source, so updates and deletes always hit a row. */
final class LiveKeys {

    private final List<Long> keys = new ArrayList<>();

    void add(long key) {
        keys.add(key);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    long pick(Random random) {
        return keys.get(random.nextInt(keys.size()));
    }

    void remove(long key) {
        int index = keys.indexOf(key);
        keys.set(index, keys.get(keys.size() - 1));
        keys.remove(keys.size() - 1);
    }

    void clear() {
        keys.clear();
    }
}
