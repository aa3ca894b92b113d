package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.target.JsonDocument;
import java.util.Map;

/** Products from the MongoDB envelope: {@code _id} (metadata in Elasticsearch) becomes {@code id}; the price is exact. */
final class ProductDocuments implements KeyedDocuments {

    private final int moneyScale;

    ProductDocuments(int moneyScale) {
        this.moneyScale = moneyScale;
    }

    @Override
    public String id(Map<String, Object> key) {
        return String.valueOf(key.get("_id"));
    }

    @Override
    public Map<String, Object> fields(Map<String, Object> row) {
        Map<String, Object> document = JsonDocument.of(row);
        document.put("id", document.remove("_id"));
        Money.put(document, "price", row.get("price"), moneyScale);
        return document;
    }
}
