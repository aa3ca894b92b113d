package com.shop.cdc.search.elasticsearch;

import java.util.Map;

/** A document as read back, with what an optimistic write must name. */
public record StoredDocument(Map<String, Object> source, long seqNo, long primaryTerm) {
}
