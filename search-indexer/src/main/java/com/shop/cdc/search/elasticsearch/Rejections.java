package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.target.WriteOutcome;

/**
 * A change whose document Elasticsearch (or the exact-amount rule) refuses, rejected with why. It is
 * not logged here: Elasticsearch's reason can quote the value ("Preview of field's value"), so it
 * goes to the dead letter, whose log line names only where the record is.
 */
final class Rejections {

    private final IndexerSettings settings;

    Rejections(IndexerSettings settings) {
        this.settings = settings;
    }

    WriteOutcome reject(SearchIndex index, String reason) {
        return WriteOutcome.rejected("index " + settings.names(index).alias() + ": " + reason);
    }
}
