package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.Infinity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Decoded change values (see ChangeEvent) as Iceberg types and Iceberg's generic values: decimals exact at their
 * column's scale, instants as timestamptz, JSON as its text. A value that does not fit its column is refused
 * with an {@link IllegalArgumentException} naming why, which rejects its own change only.
 */
final class LakeValues {

    /** Iceberg's decimals are at most 38 digits; a column whose type is inferred takes them all. */
    static final int MAX_PRECISION = 38;
    /** Where PostgreSQL's {@code infinity} and {@code -infinity} land in a timestamp or date column. */
    static final Instant POSITIVE_INFINITY = Instant.parse("9999-12-31T23:59:59.999999Z");
    static final Instant NEGATIVE_INFINITY = Instant.parse("0001-01-01T00:00:00Z");

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+)[;,]\\s*(\\d+)\\)");

    private final ObjectMapper json;

    LakeValues(ObjectMapper json) {
        this.json = json;
    }

    /** A declared type: long, int, decimal(p;s), double, boolean, string, json, date, time, timestamp, timestamptz, binary. */
    static Type parse(String declared) {
        String type = declared.trim().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > MAX_PRECISION || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + ";" + scale + ") is not a decimal Iceberg keeps");
            }
            return Types.DecimalType.of(precision, scale);
        }
        return switch (type) {
            case "long", "bigint" -> Types.LongType.get();
            case "int", "integer" -> Types.IntegerType.get();
            case "double" -> Types.DoubleType.get();
            case "boolean" -> Types.BooleanType.get();
            case "string", "json", "varchar" -> Types.StringType.get();
            case "date" -> Types.DateType.get();
            case "time" -> Types.TimeType.get();
            case "timestamp" -> Types.TimestampType.withoutZone();
            case "timestamptz" -> Types.TimestampType.withZone();
            case "binary" -> Types.BinaryType.get();
            default -> throw new IllegalArgumentException("unknown type '" + declared
                    + "' (long, int, decimal(p;s), double, boolean, string, json, date, time, timestamp, timestamptz, binary)");
        };
    }

    /** The type a column takes from its first non-null value; null for a value that tells nothing (null, a placeholder). */
    static Type infer(Object value) {
        if (value instanceof Number number) {
            return inferNumber(number);
        } else if (value instanceof Boolean) {
            return Types.BooleanType.get();
        } else if (value instanceof String || value instanceof Map || value instanceof List) {
            return Types.StringType.get();
        } else if (value instanceof Instant || value instanceof Infinity) {
            return Types.TimestampType.withZone();
        } else if (value instanceof LocalDate) {
            return Types.DateType.get();
        } else if (value instanceof LocalTime) {
            return Types.TimeType.get();
        } else if (value instanceof byte[]) {
            return Types.BinaryType.get();
        }
        return null;
    }

    private static Type inferNumber(Number value) {
        if (value instanceof BigDecimal decimal) {
            return Types.DecimalType.of(MAX_PRECISION, Math.max(decimal.scale(), 0));
        }
        return value instanceof Double || value instanceof Float ? Types.DoubleType.get() : Types.LongType.get();
    }

    /** The value as Iceberg's generic data holds it in a column of this type. */
    Object convert(Object value, Type type) {
        if (value == null) {
            return null;
        }
        return switch (type.typeId()) {
            case LONG -> toLong(value);
            case INTEGER -> Math.toIntExact(toLong(value));
            case DOUBLE -> toDouble(value);
            case BOOLEAN -> value instanceof Boolean b ? b : refuse(value, type);
            case DECIMAL -> toDecimal(value, (Types.DecimalType) type);
            case STRING -> toText(value);
            case DATE -> toDate(value, type);
            case TIME -> value instanceof LocalTime t ? t : refuse(value, type);
            case TIMESTAMP -> toTimestamp(value, (Types.TimestampType) type);
            case BINARY -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : refuse(value, type);
            default -> refuse(value, type);
        };
    }

    private static long toLong(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("value " + decimal.toPlainString() + " is not a whole number in 64 bits");
            }
        }
        return (Long) refuse(value, Types.LongType.get());
    }

    /** A decimal too (a JSON number of a document store): a double column holds what a double can. */
    private static double toDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return (Double) refuse(value, Types.DoubleType.get());
    }

    private static BigDecimal toDecimal(Object value, Types.DecimalType type) {
        BigDecimal decimal;
        if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof Long || value instanceof Integer) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof String text) { // a decimal of a change without schema: its text, exactly
            try {
                decimal = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value '" + text + "' is not a decimal number");
            }
        } else {
            return (BigDecimal) refuse(value, type);
        }
        BigDecimal scaled;
        try {
            scaled = decimal.setScale(type.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("value " + decimal.toPlainString() + " has more than " + type.scale()
                    + " decimal places, the scale of its column " + type);
        }
        if (scaled.precision() > type.precision()) {
            throw new IllegalArgumentException("value " + decimal.toPlainString() + " has more digits than its column " + type);
        }
        return scaled;
    }

    private String toText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map || value instanceof List) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("JSON value cannot be written: " + e.getOriginalMessage());
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[]) {
            return (String) refuse(value, Types.StringType.get());
        }
        return String.valueOf(value);
    }

    private static LocalDate toDate(Object value, Type type) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Infinity infinity) {
            return LocalDate.ofInstant(infinity == Infinity.POSITIVE ? POSITIVE_INFINITY : NEGATIVE_INFINITY, ZoneOffset.UTC);
        }
        return (LocalDate) refuse(value, type);
    }

    private static Object toTimestamp(Object value, Types.TimestampType type) {
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof Infinity infinity) {
            instant = infinity == Infinity.POSITIVE ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        } else {
            return refuse(value, type);
        }
        return type.shouldAdjustToUTC() ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Object refuse(Object value, Type type) {
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " value does not fit a column of type " + type);
    }
}
