package com.shop.cdc.common.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.shop.cdc.common.event.IsoInstants;
import com.shop.cdc.common.event.Unavailable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row as a JSON document for the JSON targets: a decimal column as an exact string
 * ({@code "1520.50"}, no binary float on the way), instants as ISO-8601 UTC, dates and times as
 * ISO, infinity as {@code "infinity"}, bytes as base64. Inside a column's own JSON (a json/jsonb
 * value, an array, a document) numbers stay JSON numbers with their exact value: a source's
 * {@code 1e-07} or {@code 9007199254740993} is a number there, never text. Unavailable values are
 * left out; the target keeps its own.
 */
public final class JsonDocument {

    private JsonDocument() {
    }

    public static Map<String, Object> of(Map<String, Object> row) {
        Map<String, Object> document = new LinkedHashMap<>();
        row.forEach((name, value) -> {
            if (value != Unavailable.VALUE) {
                document.put(name, value(value));
            }
        });
        return document;
    }

    /**
     * The UTF-8 JSON of {@link #value(Object)} (of a row: of {@link #of(Map)}), compact, written
     * straight from the decoded values: this runs for every change, and the intermediate document
     * and a serializer lookup per value would cost more than the writing.
     */
    public static byte[] utf8(Map<String, Object> row, JsonFactory factory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = factory.createGenerator(bytes)) {
            writeFields(out, row, false);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** {@link #utf8} as text. */
    public static String json(Map<String, Object> row, JsonFactory factory) {
        return new String(utf8(row, factory), StandardCharsets.UTF_8);
    }

    /** One column's value as JSON text, for a JSON column: everything in it is nested, so numbers stay numbers. */
    public static String columnJson(Object value, JsonFactory factory) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = factory.createGenerator(text)) {
            write(out, value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return text.toString();
    }

    /** A column's value for a document: see the class comment for what becomes text. */
    public static Object value(Object value) {
        return value(value, false);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value, boolean nested) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double) {
            return value;
        }
        if (nested && (value instanceof BigDecimal || value instanceof BigInteger)) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((name, field) -> {
                if (field != Unavailable.VALUE) {
                    converted.put(name, value(field, true));
                }
            });
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(element -> converted.add(value(element, true)));
            return converted;
        }
        return text(value);
    }

    /** The text form of a value JSON has no type for. */
    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return IsoInstants.format(instant);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString(); // other temporals (ISO), Infinity, BigInteger
    }

    /** {@code nested}: inside a column's value, where numbers are written as numbers. */
    private static void write(JsonGenerator out, Object value, boolean nested) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (nested && value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (nested && value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof Map<?, ?> map) {
            writeFields(out, map, true);
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element, true);
            }
            out.writeEndArray();
        } else {
            out.writeString(text(value));
        }
    }

    /** An object; {@code nested} is false only for a row, whose fields are columns. */
    private static void writeFields(JsonGenerator out, Map<?, ?> map, boolean nested) throws IOException {
        out.writeStartObject();
        try {
            // forEach reaches the map behind a read-only view; its entry set would wrap every entry
            map.forEach((name, field) -> {
                if (field != Unavailable.VALUE) {
                    writeField(out, String.valueOf(name), field, nested);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.writeEndObject();
    }

    private static void writeField(JsonGenerator out, String name, Object value, boolean nested) {
        try {
            out.writeFieldName(name);
            write(out, value, nested);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
