package com.shop.cdc.workload;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * Values that break naive consumers, taken from the shapes of the captured Debezium corpus:
 * unicode and emoji, NULLs, large text, extreme decimals and far-away instants.
 */
final class EdgeValues {

    static final List<String> NAMES = List.of(
            "Alice Martin", "김민준", "Bob 😀 O'Brien", "Max Mustermann", "Zoë Ångström",
            "👩‍👩‍👧‍👦 Family", "Ελένη Παπαδοπούλου", "محمد علي", "  padded name  ", "");
    static final List<String> COUNTRIES = List.of("FR", "KR", "US", "DE", "SE", "JP", "BR");
    static final List<String> PHONES = List.of("+33 6 12 34 56 78", "+82 10-1234-5678", "+49 30 1234567",
            "(415) 555-0134", "not a phone");
    static final List<BigDecimal> USER_BALANCES = List.of(new BigDecimal("1520.50"), new BigDecimal("-0.01"),
            new BigDecimal("0.00"), new BigDecimal("9999999999.99"), new BigDecimal("-9999999999.99"));
    static final List<BigDecimal> ORDER_TOTALS = List.of(new BigDecimal("149.90"), new BigDecimal("0.00"),
            new BigDecimal("99999.99"), new BigDecimal("9999999999.99"), new BigDecimal("0.01"));
    static final List<String> BIRTH_DATES = List.of("1990-05-17", "1969-12-31", "0001-01-01", "2000-02-29",
            "9999-12-31");
    static final List<String> CREATED_AT = List.of("2024-01-15 09:30:00+01", "1970-01-01 00:00:00+00",
            "9999-12-31 23:59:59.999999+00", "2000-02-29 12:00:00.5+05:30", "infinity");
    static final List<String> ORDER_CREATED_AT = List.of("2024-01-15 09:31:00.123", "1970-01-01 00:00:00.001",
            "9999-12-31 23:59:59.999", "2023-06-30 15:00:00.000");
    static final List<String> CURRENCIES = List.of("EUR", "USD", "KRW", "JPY", "GBP");
    static final List<String> STATUSES = List.of("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");
    static final String LARGE_TEXT = "Lorem ipsum dolor sit amet, 한국어 텍스트 🎉 ".repeat(1200);

    private EdgeValues() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Mostly ordinary values, with an edge value one time in {@code oneIn}. */
    static <T> T mostly(Random random, T ordinary, List<T> edges, int oneIn) {
        return random.nextInt(oneIn) == 0 ? pick(random, edges) : ordinary;
    }
}
