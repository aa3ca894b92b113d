package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.event.Unavailable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure conversions of JSON values to logical Java values; failures name the field. */
final class LogicalValues {

    /** PostgreSQL ±infinity timestamps as Debezium passes them through, in any unit. */
    static final long POSITIVE_INFINITY_TIMESTAMP = 9223372036825200000L;
    static final long NEGATIVE_INFINITY_TIMESTAMP = -9223372036832400000L;
    /** PostgreSQL ±infinity dates: its int32 day count shifted from 2000-01-01 to 1970-01-01 overflows. */
    static final int POSITIVE_INFINITY_DATE = -2147472692;
    static final int NEGATIVE_INFINITY_DATE = -2147472691;

    /** Reads a json column's document with its fractions exact: 0.1000000000000000055511151231257827 and 1.10 stay that. */
    private final ObjectReader exactDocuments;

    LogicalValues(ObjectMapper json) {
        this.exactDocuments = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /**
     * The logical value of {@code node}, or a {@link DecodeException} saying what the type expects
     * and what was found; an exception's own text never becomes the reason.
     */
    Object convert(JsonNode node, LogicalType type, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && Unavailable.PLACEHOLDER.equals(node.textValue())) {
            return Unavailable.VALUE;
        }
        try {
            return switch (type.kind()) {
                case NATIVE -> node.isFloatingPointNumber() ? (Object) node.doubleValue() : nativeValue(node);
                case DECIMAL -> decimal(node, type.scale(), field);
                case DECIMAL_STRING -> new BigDecimal(text(node));
                case VARIABLE_SCALE_DECIMAL -> variableScaleDecimal(node, field);
                case BYTES -> Base64.getDecoder().decode(text(node));
                case DATE -> date(integral(node), field);
                case TIMESTAMP -> instant(integral(node), 1_000_000L, "milliseconds", field);
                case MICRO_TIMESTAMP -> instant(integral(node), 1_000L, "microseconds", field);
                case NANO_TIMESTAMP -> instant(integral(node), 1L, "nanoseconds", field);
                case ZONED_TIMESTAMP -> zoned(text(node), field);
                case TIME -> timeOfDay(integral(node), 1_000_000L, "milliseconds", field);
                case MICRO_TIME -> timeOfDay(integral(node), 1_000L, "microseconds", field);
                case NANO_TIME -> timeOfDay(integral(node), 1L, "nanoseconds", field);
                case JSON -> nativeValue(exactDocuments.readTree(text(node)));
            };
        } catch (DecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("field '" + field + "' should be " + expected(type) + ", found " + Found.node(node),
                    field);
        }
    }

    /**
     * A JSON value as plain Java: String, Long (BigInteger past 64 bits), BigDecimal for non-integral
     * numbers inside documents, Boolean, List, Map. Every integer is a Long, whatever its Connect
     * width, so keys compare equal with and without schemas.
     */
    static Object nativeValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() ? integralNumber(node) : node.decimalValue();
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(nativeValue(element)));
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), nativeValue(entry.getValue()));
                }
                yield map;
            }
            case BINARY -> node.toString();
            default -> node.toString();
        };
    }

    private static Object integralNumber(JsonNode node) {
        return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }

    private static BigDecimal decimal(JsonNode node, int scale, String field) {
        if (node.isNumber()) { // JsonConverter decimal.format=NUMERIC
            return node.decimalValue().setScale(scale);
        }
        byte[] unscaled = Base64.getDecoder().decode(text(node));
        if (unscaled.length == 0) {
            throw new DecodeException("field '" + field + "' holds an empty decimal", field);
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static BigDecimal variableScaleDecimal(JsonNode node, String field) {
        if (node.isTextual()) { // decimal.handling.mode=string
            return new BigDecimal(node.textValue());
        }
        JsonNode scale = node.get("scale");
        JsonNode value = node.get("value");
        if (scale == null || !scale.canConvertToInt() || value == null || !value.isTextual()) {
            throw new DecodeException("field '" + field + "' is not a VariableScaleDecimal {scale, value}", field);
        }
        return new BigDecimal(new BigInteger(Base64.getDecoder().decode(value.textValue())), scale.intValue());
    }

    private static Object date(long days, String field) {
        if (days == POSITIVE_INFINITY_DATE) {
            return Infinity.POSITIVE;
        }
        if (days == NEGATIVE_INFINITY_DATE) {
            return Infinity.NEGATIVE;
        }
        return TimeRange.epochDay(days, field);
    }

    private static Object instant(long value, long nanosPerUnit, String unit, String field) {
        if (value == POSITIVE_INFINITY_TIMESTAMP || value == POSITIVE_INFINITY_TIMESTAMP / 1000) {
            return Infinity.POSITIVE;
        }
        if (value == NEGATIVE_INFINITY_TIMESTAMP || value == NEGATIVE_INFINITY_TIMESTAMP / 1000) {
            return Infinity.NEGATIVE;
        }
        long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
        // any long of any unit is within Instant's range (±1e9 years); the targets' range is checked next
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, unitsPerSecond),
                Math.floorMod(value, unitsPerSecond) * nanosPerUnit);
        return TimeRange.instant(instant, field, value + " " + unit + " since 1970-01-01T00:00:00Z");
    }

    /** A time of day: checked before multiplying, so that an overflow cannot wrap into a valid time. */
    private static LocalTime timeOfDay(long value, long nanosPerUnit, String unit, String field) {
        long perDay = NANOS_PER_DAY / nanosPerUnit;
        if (value < 0 || value >= perDay) {
            throw new DecodeException("field '" + field + "' should be a time of day, 0 to " + (perDay - 1) + " " + unit
                    + " since midnight; found " + value, field);
        }
        return LocalTime.ofNanoOfDay(value * nanosPerUnit);
    }

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** ISO-8601 with 0 to 9 fraction digits; MariaDB writes snapshot and binlog forms of one value differently. */
    private static Object zoned(String text, String field) {
        if (text.equals("infinity")) {
            return Infinity.POSITIVE;
        }
        if (text.equals("-infinity")) {
            return Infinity.NEGATIVE;
        }
        Instant utc = utcInstant(text);
        return TimeRange.instant(utc != null ? utc : OffsetDateTime.parse(text).toInstant(), field, Found.quoted(text));
    }

    private static final int[] NANOS_PER_FRACTION_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, the form Debezium writes, read digit by digit: the ISO
     * parser costs more than the rest of a row's decoding. Null for any other shape and for an
     * impossible date or time, which the ISO parser then reads or rejects in its own words.
     */
    @SuppressWarnings("checkstyle:CyclomaticComplexity") // one pass over a fixed layout, on the hot path
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59 || second > 59
                || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        int nanos = length > 20 ? fraction * NANOS_PER_FRACTION_DIGIT[length - 21] : 0;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The non-negative number the ASCII digits from..to spell, or -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The wire's whole number; anything else is worded by {@link #convert}'s expectation. */
    private static long integral(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("not a 64-bit integer");
        }
        return node.longValue();
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("not a string");
        }
        return node.textValue();
    }

    /** What a logical type's wire form is, in the words of a dead letter's reason. */
    static String expected(LogicalType type) {
        return switch (type.kind()) {
            case NATIVE -> "a JSON value";
            case DECIMAL -> "a decimal with scale " + type.scale() + " (base64 of its unscaled two's-complement bytes, "
                    + "or a number with at most " + type.scale() + " fraction digits)";
            case DECIMAL_STRING -> "a decimal written as a string";
            case VARIABLE_SCALE_DECIMAL -> "a VariableScaleDecimal {scale, value} with a base64 value, or a decimal string";
            case BYTES -> "base64 bytes";
            case DATE -> "a whole number of days since 1970-01-01";
            case TIMESTAMP -> "a whole number of milliseconds since 1970-01-01T00:00:00Z";
            case MICRO_TIMESTAMP -> "a whole number of microseconds since 1970-01-01T00:00:00Z";
            case NANO_TIMESTAMP -> "a whole number of nanoseconds since 1970-01-01T00:00:00Z";
            case ZONED_TIMESTAMP -> "an ISO-8601 timestamp with an offset, from 0001-01-01T00:00:00Z to "
                    + "9999-12-31T23:59:59.999999999Z";
            case TIME -> "a whole number of milliseconds since midnight";
            case MICRO_TIME -> "a whole number of microseconds since midnight";
            case NANO_TIME -> "a whole number of nanoseconds since midnight";
            case JSON -> "a JSON document written as a string";
        };
    }
}
