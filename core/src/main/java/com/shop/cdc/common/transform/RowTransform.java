package com.shop.cdc.common.transform;

import java.util.Map;

/**
 * One step on a row image. It changes the working copy it is given: the {@link TransformChain}
 * copies each image once, so the change event it received is never modified.
 */
@FunctionalInterface
public interface RowTransform {

    void apply(Map<String, Object> row);
}
