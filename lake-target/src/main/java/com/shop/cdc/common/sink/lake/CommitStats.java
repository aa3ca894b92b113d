package com.shop.cdc.common.sink.lake;

import java.time.Duration;

/**
 * What one commit of changed rows put into a lake table: how long writing its files and committing took, the
 * Parquet files and bytes added, the rows written and the keys deleted (updated keys count in both).
 */
public record CommitStats(String table, Duration took, int files, long bytes, long rows, long deletedKeys) {
}
