package com.shop.cdc.common.transform;

import java.util.Map;

/** One pure step on a row image; the input is never modified, a changed copy is returned. */
@FunctionalInterface
public interface RowTransform {

    Map<String, Object> apply(Map<String, Object> row);
}
