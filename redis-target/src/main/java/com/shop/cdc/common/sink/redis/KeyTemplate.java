package com.shop.cdc.common.sink.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis key written with fields in braces, {@code user:{id}}, read once into the literals between
 * its fields: every change renders it. The braces stay in the key as a hash tag, so a row's value
 * key and position key share a cluster slot.
 *
 * @param literals the text around the fields, one more than the fields
 */
public record KeyTemplate(String text, List<String> literals, List<String> fields) {

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    static KeyTemplate of(String text) {
        List<String> literals = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        Matcher matcher = FIELD.matcher(text);
        int literal = 0;
        while (matcher.find()) {
            literals.add(text.substring(literal, matcher.start()));
            fields.add(matcher.group(1));
            literal = matcher.end();
        }
        literals.add(text.substring(literal));
        return new KeyTemplate(text, List.copyOf(literals), List.copyOf(fields));
    }

    /** Each {@code {field}} replaced by {@code {value}}; empty when the row lacks a field. */
    Optional<String> render(Map<String, Object> row) {
        StringBuilder key = new StringBuilder(text.length() + 16);
        for (int i = 0; i < fields.size(); i++) {
            Object value = row.get(fields.get(i));
            if (value == null) {
                return Optional.empty();
            }
            key.append(literals.get(i)).append('{').append(value).append('}');
        }
        return Optional.of(key.append(literals.get(fields.size())).toString());
    }

    /** Matches exactly the keys {@link #render} makes, whatever the field values. */
    Pattern keyPattern() {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            pattern.append(Pattern.quote(literals.get(i))).append("\\{[^}]*}");
        }
        return Pattern.compile(pattern.append(Pattern.quote(literals.get(fields.size()))).toString());
    }

    /** The text before the first field, e.g. {@code user:}: what a truncate scans. */
    String prefix() {
        return literals.get(0);
    }
}
