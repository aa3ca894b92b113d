package com.shop.cdc.common.sink;

/** What a target did with one change. */
public enum WriteOutcome {
    /** The change is now the target's state for its key. */
    WRITTEN,
    /** The target already held this change or a newer one: nothing to do, nothing lost. */
    STALE,
    /** Nothing of this change belongs in this target (a table it does not keep, a tombstone). */
    IGNORED
}
