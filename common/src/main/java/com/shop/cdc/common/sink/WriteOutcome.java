package com.shop.cdc.common.sink;

/** What a target did with one change. */
public enum WriteOutcome {
    /**
     * Acknowledged: the change is now the target's state for its key, or a guarded write found
     * newer data (the warehouse's MERGE does not tell which; Redis reports those as STALE).
     */
    WRITTEN,
    /** The target already held this change or a newer one: nothing to do, nothing lost. */
    STALE,
    /** Nothing of this change belongs in this target (a table it does not keep, a tombstone). */
    IGNORED,
    /** The target refuses the content (a value that does not fit its column): a bad record for the dead letter. */
    REJECTED
}
