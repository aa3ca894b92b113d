package com.shop.cdc.common.target;

/**
 * One key a target holds.
 *
 * @param key      as {@link TargetInventory#keyOf} names it
 * @param position the source position of the change the target applied last
 * @param deleted  a delete marker: the target keeps the position, not the row
 * @param digest   {@link RowDigest} of the row as stored, or null where the target's contents are not compared
 */
public record TargetKey(String key, long position, boolean deleted, String digest) {
}
