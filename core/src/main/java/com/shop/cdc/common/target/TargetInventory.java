package com.shop.cdc.common.target;

import com.shop.cdc.common.event.ChangeEvent;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A target that can list what it holds, for reconciliation: every key of its tables with the
 * source position it stores and whether it is a delete marker, and one key's row for a closer look. Kept apart from
 * {@link com.shop.cdc.common.target.ChangeWriter} because only reconciliation needs it.
 */
public interface TargetInventory {

    /** The same name as the target's writer. */
    String target();

    /**
     * The key under which this target keeps the change's row, named as {@link #scan} names it, or
     * empty when the target does not keep the change's table.
     */
    Optional<String> keyOf(ChangeEvent change);

    /**
     * {@link RowDigest} of the row the change leaves in this target, comparable with
     * {@link TargetKey#digest()}; null when contents are not compared (a delete, a target that
     * reshapes rows beyond a cheap like-for-like rendering, a value the target merges with what it holds).
     */
    String digestOf(ChangeEvent change);

    /**
     * Streams every key of the target's tables, rows and delete markers alike, without holding them.
     *
     * @throws com.shop.cdc.common.target.TargetUnavailableException when the target cannot be read now
     */
    void scan(Consumer<TargetKey> keys);

    /**
     * What the target holds under a key named as {@link #keyOf} names it: its row or delete marker,
     * empty when it holds nothing there or the key names none of its tables.
     *
     * @throws com.shop.cdc.common.target.TargetUnavailableException when the target cannot be read now
     */
    Optional<TargetRow> read(String key);
}
