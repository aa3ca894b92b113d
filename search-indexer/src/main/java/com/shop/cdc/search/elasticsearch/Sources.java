package com.shop.cdc.search.elasticsearch;

/** Source tables ({@code SourceTable.qualifiedName()}) feeding the indexes. */
public record Sources(String products, String users, String orders, String orderItems) {
}
