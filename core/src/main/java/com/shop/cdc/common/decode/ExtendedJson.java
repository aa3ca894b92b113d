package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MongoDB Extended JSON to logical values, for v1 strict (what Debezium writes into
 * {@code after}/{@code before}) and v2 relaxed or canonical (its {@code updatedFields}): the same
 * BSON value arrives in both forms within one event.
 */
final class ExtendedJson {

    private ExtendedJson() {
    }

    static Object value(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(value(element, path + "[]")));
            return list;
        }
        if (!node.isObject()) {
            return LogicalValues.nativeValue(node);
        }
        Iterator<String> names = node.fieldNames();
        String first = names.hasNext() ? names.next() : "";
        if (first.startsWith("$")) {
            return typed(node, first, path);
        }
        return document(node, path);
    }

    static Map<String, Object> document(JsonNode node, String path) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            document.put(field.getKey(), value(field.getValue(), fieldPath));
        }
        return Collections.unmodifiableMap(document);
    }

    private static Object typed(JsonNode node, String type, String path) {
        JsonNode content = node.get(type);
        try {
            return switch (type) {
                case "$oid", "$symbol", "$code" -> content.asText();
                case "$numberLong" -> Long.parseLong(content.asText());
                case "$numberInt" -> Integer.parseInt(content.asText());
                case "$numberDouble" -> Double.parseDouble(content.asText());
                case "$numberDecimal" -> new BigDecimal(content.asText());
                case "$date" -> TimeRange.instant(date(content), path, Found.json(node));
                case "$binary" -> binary(node, content);
                case "$uuid" -> content.asText();
                default -> document(node, path); // $timestamp, $regularExpression, $minKey…: kept as they are
            };
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecodeException("field '" + path + "' should be Extended JSON " + type + " (" + EXPECTED.getOrDefault(type,
                    "as MongoDB writes it") + "), found " + Found.json(node), path);
        }
    }

    private static final Map<String, String> EXPECTED = Map.of(
            "$oid", "24 hexadecimal digits", "$numberLong", "a 64-bit integer in a string",
            "$numberInt", "a 32-bit integer in a string", "$numberDouble", "a number in a string",
            "$numberDecimal", "a decimal in a string",
            "$date", "milliseconds since 1970-01-01, an ISO-8601 string or {$numberLong}",
            "$binary", "base64, with $type or as {base64, subType}");

    /** {@code {"$date": 1700000000000}}, {@code {"$date": "2026-07-03T17:59:45.729Z"}} or {@code {"$date": {"$numberLong": "…"}}}. */
    private static Instant date(JsonNode content) {
        if (content.isIntegralNumber()) {
            return Instant.ofEpochMilli(content.longValue());
        }
        if (content.isObject() && content.has("$numberLong")) {
            return Instant.ofEpochMilli(Long.parseLong(content.get("$numberLong").asText()));
        }
        return OffsetDateTime.parse(content.asText()).toInstant();
    }

    /** v1: {@code {"$binary": "<base64>", "$type": "00"}}; v2: {@code {"$binary": {"base64": …, "subType": …}}}. */
    private static byte[] binary(JsonNode node, JsonNode content) {
        String base64 = content.isObject() ? content.path("base64").asText() : content.asText();
        return Base64.getDecoder().decode(base64);
    }
}
