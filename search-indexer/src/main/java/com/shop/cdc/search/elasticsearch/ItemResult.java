package com.shop.cdc.search.elasticsearch;

/** What Elasticsearch did with one bulk action. */
public sealed interface ItemResult {

    /** Written (or deleted). */
    record Done() implements ItemResult {
    }

    /** 409: an external version at or above ours, or the document changed since it was read. */
    record Conflict() implements ItemResult {
    }

    /** The content is refused (mapping, parsing): permanent for this record. */
    record Refused(String reason) implements ItemResult {
    }

    ItemResult DONE = new Done();
    ItemResult CONFLICT = new Conflict();
}
