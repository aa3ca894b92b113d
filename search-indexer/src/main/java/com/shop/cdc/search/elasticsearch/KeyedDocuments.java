package com.shop.cdc.search.elasticsearch;

import java.util.Map;

/** How the rows of one source table become the documents of an index with one document per key. */
interface KeyedDocuments {

    /** The document id of a row's key. */
    String id(Map<String, Object> key);

    /**
     * The searchable document of a row (without {@code _cdc}).
     *
     * @throws IllegalArgumentException when a value cannot be stored exactly
     */
    Map<String, Object> fields(Map<String, Object> row);
}
