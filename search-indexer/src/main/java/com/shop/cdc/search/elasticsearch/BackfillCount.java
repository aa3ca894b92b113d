package com.shop.cdc.search.elasticsearch;

/**
 * What one backfill pass did: documents given a default, rewrites a newer change beat (409: the
 * guard working, not an error), and documents Elasticsearch refused the default in.
 */
final class BackfillCount {

    private long filled;
    private long raced;
    private long refused;

    void add(ItemResult result) {
        if (result instanceof ItemResult.Done) {
            filled++;
        } else if (result instanceof ItemResult.Conflict) {
            raced++;
        } else {
            refused++;
        }
    }

    void add(BackfillCount other) {
        filled += other.filled;
        raced += other.raced;
        refused += other.refused;
    }

    void refused() {
        refused++;
    }

    long filledCount() {
        return filled;
    }

    long racedCount() {
        return raced;
    }

    long refusedCount() {
        return refused;
    }

    @Override
    public String toString() {
        return filled + " filled, " + raced + " superseded by newer changes, " + refused + " refused";
    }
}
