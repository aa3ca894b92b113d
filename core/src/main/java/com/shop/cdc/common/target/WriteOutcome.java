package com.shop.cdc.common.target;

import java.util.Locale;
import java.util.Objects;

/**
 * What a target did with one change; a rejection says why, for the dead letter.
 *
 * @param kind   what happened
 * @param reason why the target refused the change; null unless {@link Kind#REJECTED}
 */
public record WriteOutcome(Kind kind, String reason) {

    public enum Kind {
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
        REJECTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final WriteOutcome WRITTEN = new WriteOutcome(Kind.WRITTEN, null);
    public static final WriteOutcome STALE = new WriteOutcome(Kind.STALE, null);
    public static final WriteOutcome IGNORED = new WriteOutcome(Kind.IGNORED, null);

    public WriteOutcome {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("a rejection, and only a rejection, carries a reason");
        }
    }

    /** The target refuses this change's content for the given reason. */
    public static WriteOutcome rejected(String reason) {
        return new WriteOutcome(Kind.REJECTED, reason);
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }
}
