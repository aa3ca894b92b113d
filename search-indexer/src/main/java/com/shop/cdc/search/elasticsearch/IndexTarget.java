package com.shop.cdc.search.elasticsearch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The name writes go to: the alias, or during a rebuild the new generation's index before the
 * alias is switched to it. Writes through the alias require it to exist, so a deleted alias fails
 * the write instead of auto-creating an unmapped index under its name.
 */
public record IndexTarget(String name, boolean alias) {

    Map<String, Object> meta(String id) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("_index", name);
        meta.put("_id", id);
        if (alias) {
            meta.put("require_alias", true);
        }
        return meta;
    }
}
