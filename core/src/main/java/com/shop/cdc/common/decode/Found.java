package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Words what a record held where something else was expected, short enough for a dead-letter header. */
final class Found {

    private static final int MAX_TEXT = 80;
    private static final int MAX_NAMES = 6;

    private Found() {
    }

    /** {@code null}, {@code the number 5}, {@code "abc"}, {@code an object with fields [a, b, …]}, {@code an array of 3 elements}. */
    static String node(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext() && names.size() < MAX_NAMES; ) {
                names.add(it.next());
            }
            return node.isEmpty() ? "an empty object" : "an object with fields " + names.toString()
                    .replace("]", node.size() > MAX_NAMES ? ", …]" : "]");
        }
        if (node.isArray()) {
            return "an array of " + node.size() + " element" + (node.size() == 1 ? "" : "s");
        }
        if (node.isNumber()) {
            return "the number " + text(node.asText());
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return quoted(node.asText());
    }

    /** The value as JSON text, cut to a readable length: for a small typed value such as {@code {"$date": …}}. */
    static String json(JsonNode node) {
        return node == null ? "nothing" : text(node.toString());
    }

    /** The text as a JSON string (control characters escaped), cut to a readable length. */
    static String quoted(String text) {
        return TextNode.valueOf(text(text)).toString();
    }

    private static String text(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
