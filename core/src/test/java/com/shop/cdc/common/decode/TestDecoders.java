package com.shop.cdc.common.decode;

import java.util.Map;

/** The decoders the corpus topics need, configured as a deployment would configure them. */
final class TestDecoders {

    static final long MAX_BYTES = 8 * 1024 * 1024;

    /** Field types a schemaless deployment declares; the decimal-string runs declare decimals as strings. */
    static Map<String, LogicalType> schemalessTypes(String topic, boolean decimalStrings) {
        LogicalType decimal = decimalStrings ? LogicalType.of(LogicalType.Kind.DECIMAL_STRING) : LogicalType.decimal(2);
        LogicalType variable = decimalStrings ? LogicalType.of(LogicalType.Kind.DECIMAL_STRING)
                : LogicalType.of(LogicalType.Kind.VARIABLE_SCALE_DECIMAL);
        return switch (topic) {
            case "shop.public.users" -> Map.of("balance", decimal, "lifetime_value", variable,
                    "birth_date", LogicalType.of(LogicalType.Kind.DATE),
                    "created_at", LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP),
                    "updated_at", LogicalType.of(LogicalType.Kind.MICRO_TIMESTAMP),
                    "preferences", LogicalType.of(LogicalType.Kind.JSON));
            case "shop.shop_orders.orders" -> Map.of("total", decimal,
                    "created_at", LogicalType.of(LogicalType.Kind.TIMESTAMP),
                    "updated_at", LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP),
                    "paid_at", LogicalType.of(LogicalType.Kind.MICRO_TIMESTAMP));
            case "shop.shop_orders.order_items" -> Map.of("unit_price", decimal);
            default -> Map.of();
        };
    }

    static RecordDecoder forTopic(String topic, boolean schemas, boolean decimalStrings) {
        Format format = switch (topic) {
            case "shop" -> Format.SCHEMA_CHANGE;
            case "shop.transaction" -> Format.TRANSACTION_METADATA;
            default -> Format.DEBEZIUM_JSON;
        };
        return Decoders.create(format, schemas, schemalessTypes(topic, decimalStrings), Corpus.JSON, MAX_BYTES);
    }

    private TestDecoders() {
    }
}
