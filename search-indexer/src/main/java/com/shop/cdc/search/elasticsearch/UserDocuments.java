package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.target.JsonDocument;
import java.util.Map;
import java.util.Set;

/** Users, without the personal fields configuration keeps out of the index; the balance is exact. */
final class UserDocuments implements KeyedDocuments {

    private final Set<String> excluded;
    private final int moneyScale;

    UserDocuments(Set<String> excluded, int moneyScale) {
        this.excluded = Set.copyOf(excluded);
        this.moneyScale = moneyScale;
    }

    @Override
    public String id(Map<String, Object> key) {
        return String.valueOf(key.get("id"));
    }

    @Override
    public Map<String, Object> fields(Map<String, Object> row) {
        Map<String, Object> document = JsonDocument.of(row);
        document.keySet().removeAll(excluded);
        Money.put(document, "balance", row.get("balance"), moneyScale);
        return document;
    }
}
