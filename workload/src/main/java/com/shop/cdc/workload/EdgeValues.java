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
    /**
     * JSON documents a double-based or lenient consumer changes: integers beyond 2^53, tiny, negative
     * and huge decimals, empty arrays and objects (also as the whole value), nested nulls, unicode
     * and escapes. The targets must keep their values and types exactly.
     */
    static final List<String> JSON_DOCUMENTS = List.of(
            "{\"big\":9007199254740993,\"neg_big\":-9007199254740993,\"huge\":123456789012345678901234567890}",
            "{\"tiny\":1e-07,\"neg\":-0.5,\"neg_scaled\":-12.50,\"exp\":1.5E+300,\"zero\":-0.0}",
            "[]",
            "{}",
            "{\"a\":{\"b\":{\"c\":null}},\"list\":[null,[],{},[[]],{\"d\":[null]}],\"empty\":\"\",\"f\":false}",
            "{\"名前\":\"김민준 😀\",\"family\":\"👩‍👩‍👧‍👦\",\"escaped\":\"line\\nbreak \\\"quoted\\\" \\\\ \\u00e9\",\"rtl\":\"محمد\"}",
            "[1,1.0,0.1,-7,9007199254740993,1e-07,\"9007199254740993\",true,null,{\"n\":{}}]");
    /** Shipping addresses as MariaDB keeps them: JSON text, its numbers and spacing as written. */
    static final List<String> ADDRESSES = List.of(
            "{\"name\":\"Zoë Ångström\",\"city\":\"서울특별시\",\"zip\":\"04524\",\"geo\":{\"lat\":48.8559,\"lon\":-2.36e-05}}",
            "{\"name\":\"Bob 😀\", \"door_code\": 9007199254740993, \"floor\": -1, \"notes\": [], \"extra\": {}}",
            "{\"name\":null,\"lines\":[null,\"Bâtiment B\"],\"geo\":{\"lat\":0.0000001,\"lon\":null}}");
    private static final String TEXT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,é한😀";

    private EdgeValues() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * Random text of {@code length} characters: PostgreSQL cannot compress it, so beyond ~2 KB it is
     * stored out of line (TOAST) and an update leaving it unchanged does not send it.
     */
    static String incompressible(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            text.appendCodePoint(TEXT_ALPHABET.codePointAt(
                    TEXT_ALPHABET.offsetByCodePoints(0, random.nextInt(TEXT_ALPHABET.codePointCount(0, TEXT_ALPHABET.length())))));
        }
        return text.toString();
    }

    /** Mostly ordinary values, with an edge value one time in {@code oneIn}. */
    static <T> T mostly(Random random, T ordinary, List<T> edges, int oneIn) {
        return random.nextInt(oneIn) == 0 ? pick(random, edges) : ordinary;
    }
}
