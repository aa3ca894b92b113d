package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.IsoInstants;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code _cdc} object of every document: the source position of the change it holds (also
 * its external version), whether the row is gone (a delete marker, hidden by the alias filter),
 * the operation, the source time, and when it was indexed (what the marker purge reads).
 */
final class Bookkeeping {

    static final String FIELD = "_cdc";

    private Bookkeeping() {
    }

    static Map<String, Object> of(ChangeEvent change, boolean deleted) {
        return of(change.position().value(), deleted, change.operation().code(), change.sourceTimestamp());
    }

    static Map<String, Object> of(long position, boolean deleted, String op, Instant sourceTimestamp) {
        Map<String, Object> cdc = new LinkedHashMap<>();
        cdc.put("position", position);
        cdc.put("deleted", deleted);
        cdc.put("op", op);
        cdc.put("source_ts", sourceTimestamp == null ? null : IsoInstants.format(sourceTimestamp));
        cdc.put("indexed_at", IsoInstants.format(Instant.now()));
        return cdc;
    }

    /** A document that only says: this key is gone as of {@code position}. */
    static Map<String, Object> marker(long position, String op, Instant sourceTimestamp) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put(FIELD, of(position, true, op, sourceTimestamp));
        return marker;
    }
}
