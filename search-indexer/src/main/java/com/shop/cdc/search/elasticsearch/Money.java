package com.shop.cdc.search.elasticsearch;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An exact amount as two fields: {@code f} the decimal string as the source holds it, and
 * {@code f_minor} a long in minor units for sorting and ranges. An amount with more decimals
 * than the minor units hold cannot be stored exactly and is refused.
 */
final class Money {

    private Money() {
    }

    static void put(Map<String, Object> document, String field, Object value, int scale) {
        if (value == null) {
            return;
        }
        BigDecimal amount = decimal(field, value);
        long minor;
        try {
            minor = amount.movePointRight(scale).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("field " + field + " = " + amount.toPlainString()
                    + " has no exact value in minor units of scale " + scale, e);
        }
        document.put(field, amount.toPlainString());
        document.put(field + "_minor", minor);
    }

    /** Decimals as decoded; a decimal string or a number written by a schemaless source is read by its text. */
    private static BigDecimal decimal(String field, Object value) {
        if (value instanceof BigDecimal amount) {
            return amount;
        }
        if (value instanceof String || value instanceof Number) {
            try {
                return new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new IllegalArgumentException("field " + field + " is not a decimal amount: " + value.getClass().getSimpleName());
    }
}
