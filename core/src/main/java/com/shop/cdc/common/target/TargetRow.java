package com.shop.cdc.common.target;

/**
 * What a target holds under one key, as its reconciliation names the key: the row and the source position
 * that wrote it, or the delete marker a deleted row left.
 *
 * @param key the key as the target's inventory lists it ({@code users:3}, {@code USERS:3}, ...)
 * @param position the position of the change that wrote the row or the marker
 * @param deleted whether only a delete marker is left
 * @param row the row as JSON, without the target's bookkeeping; null for a delete marker
 */
public record TargetRow(String key, long position, boolean deleted, String row) {
}
