package com.shop.cdc.common.transform;

import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.event.IsoInstants;
import com.shop.cdc.common.event.Unavailable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The transforms a topic can configure. Each works on one field and leaves a missing, null or
 * unavailable value alone, so a delete's key-only image or an unchanged TOAST column passes through.
 */
public final class FieldTransforms {

    private FieldTransforms() {
    }

    public static RowTransform rename(String from, String to) {
        return row -> {
            if (row.containsKey(from)) {
                row.put(to, row.remove(from));
            }
        };
    }

    public static RowTransform drop(String field) {
        return row -> row.remove(field);
    }

    /** Trimmed and lower-cased: the form in which two spellings of one address compare equal. */
    public static RowTransform normaliseEmail(String field) {
        return onValue(field, value -> value instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : value);
    }

    /** E.164 where the number parses for the default region; anything else is kept as it was for validation to judge. */
    public static RowTransform phoneToE164(String field, String defaultRegion) {
        E164Phones phones = new E164Phones(defaultRegion);
        return onValue(field, value -> value instanceof String text ? phones.normalise(text) : value);
    }

    /** Instants as ISO-8601 UTC ({@code 2024-01-15T08:30:00.123456Z}), dates and times as ISO; infinity as its name. */
    public static RowTransform isoTime(String field) {
        return onValue(field, value -> {
            if (value instanceof Instant instant) {
                return IsoInstants.format(instant);
            }
            if (value instanceof LocalDate || value instanceof LocalTime || value instanceof Infinity) {
                return value.toString();
            }
            return value;
        });
    }

    /** Salted SHA-256 in hex: a stable pseudonym that joins across tables without revealing the value. */
    public static RowTransform hash(String field, String salt) {
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        return onValue(field, value -> {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(saltBytes);
                return HexFormat.of().formatHex(sha256.digest(value.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        });
    }

    /** A nested document becomes top-level fields: {@code shipping_address.city} → {@code shipping_address_city}. */
    public static RowTransform flatten(String field) {
        return row -> {
            if (row.get(field) instanceof Map<?, ?> nested) {
                row.remove(field);
                flattenInto(row, field, nested);
            }
        };
    }

    private static void flattenInto(Map<String, Object> target, String prefix, Map<?, ?> nested) {
        nested.forEach((name, value) -> {
            String flat = prefix + "_" + name;
            if (value instanceof Map<?, ?> deeper) {
                flattenInto(target, flat, deeper);
            } else {
                target.put(flat, value);
            }
        });
    }

    private static RowTransform onValue(String field, UnaryOperator<Object> change) {
        return row -> {
            Object value = row.get(field);
            if (value != null && value != Unavailable.VALUE) {
                row.put(field, change.apply(value));
            }
        };
    }
}
