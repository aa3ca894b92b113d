package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A value as the check compares it, the same text whichever store it came from: decimals by value,
 * JSON by value and type (numbers exact, as BigDecimal: {@code 1e-07} equals {@code 0.0000001}
 * but not the string {@code "1e-07"} nor the double nearest to it; object keys in any order), a
 * field a document lacks as {@code absent} (not {@code null}), long text as its length and digest.
 */
final class ComparedValue {

    static final String ABSENT = "absent";
    private static final int LONGEST_SHOWN = 160;

    /** Reads JSON without rounding: decimals as BigDecimal, large integers as BigInteger. */
    private final ObjectMapper exact;

    ComparedValue(ObjectMapper exact) {
        this.exact = exact;
    }

    /** The compared form of a column: JSON text parsed as JSON, anything else as a scalar. */
    String column(Object value, boolean json) {
        if (value == null) {
            return "null";
        }
        return json ? shown(canonical(parse(value.toString()))) : scalar(value);
    }

    /** The compared form of a document's field (Redis, Elasticsearch): {@code absent} when it has none. */
    String field(JsonNode document, String name, boolean json) {
        JsonNode value = document.get(name);
        if (value == null) {
            return ABSENT;
        }
        if (value.isNull()) {
            return "null";
        }
        if (json) {
            return shown(canonical(value));
        }
        return scalar(value.isContainerNode() ? value.toString() : value.asText());
    }

    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        if (value instanceof BigDecimal || text.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return shown(text);
    }

    private JsonNode parse(String text) {
        try {
            return exact.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + shown(text), e);
        }
    }

    /** One text per JSON value: keys sorted, numbers as plain decimals marked as numbers, strings quoted. */
    private String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, String> fields = new TreeMap<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                fields.put(name, canonical(node.get(name)));
            }
            StringJoiner object = new StringJoiner(",", "{", "}");
            fields.forEach((name, value) -> object.add(quoted(name) + ":" + value));
            return object.toString();
        }
        if (node.isArray()) {
            StringJoiner array = new StringJoiner(",", "[", "]");
            node.forEach(element -> array.add(canonical(element)));
            return array.toString();
        }
        if (node.isNumber()) {
            return "#" + node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isTextual()) {
            return quoted(node.textValue());
        }
        return node.toString(); // true, false, null
    }

    private String quoted(String text) {
        try {
            return exact.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Long values as their length and digest, so that a difference can be printed. */
    private static String shown(String text) {
        if (text.length() <= LONGEST_SHOWN) {
            return text;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return text.substring(0, 24) + "…[" + text.length() + " chars, sha256 " + HexFormat.of().formatHex(digest, 0, 8) + "]";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
