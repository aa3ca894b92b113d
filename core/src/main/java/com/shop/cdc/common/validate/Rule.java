package com.shop.cdc.common.validate;

import java.util.List;
import java.util.Map;

/** A check of a row image that adds a violation when the row breaks it. */
@FunctionalInterface
public interface Rule {

    void check(Map<String, Object> row, List<Violation> violations);
}
