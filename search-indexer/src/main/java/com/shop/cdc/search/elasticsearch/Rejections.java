package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.sink.WriteOutcome;
import org.jboss.logging.Logger;

/** A change whose document Elasticsearch (or the exact-amount rule) refuses: logged where it is, rejected with why. */
final class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);

    private final IndexerSettings settings;

    Rejections(IndexerSettings settings) {
        this.settings = settings;
    }

    WriteOutcome reject(ChangeEvent change, SearchIndex index, String reason) {
        String alias = settings.names(index).alias();
        LOG.warnf("rejected %s-%d@%d for index %s: %s", change.origin().topic(), change.origin().partition(),
                change.origin().offset(), alias, reason);
        return WriteOutcome.rejected("index " + alias + ": " + reason);
    }
}
