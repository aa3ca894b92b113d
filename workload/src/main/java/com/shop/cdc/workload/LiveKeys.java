package com.shop.cdc.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A set of source keys: those that exist (updates and deletes always hit a row), or those gone (to create again). */
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

    /** Removes and returns a random key. */
    long take(Random random) {
        long key = pick(random);
        remove(key);
        return key;
    }

    /** Moves every key to {@code to} (a truncate: the keys are gone, and may be created again). */
    void moveAllTo(LiveKeys to) {
        to.keys.addAll(keys);
        keys.clear();
    }

    boolean contains(long key) {
        return keys.contains(key);
    }
}
