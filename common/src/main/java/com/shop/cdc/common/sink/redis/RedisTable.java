package com.shop.cdc.common.sink.redis;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one source table is kept in Redis: the key of each row, and optionally a per-owner sorted
 * set of recent rows (a user's recent orders).
 *
 * @param keyTemplate   e.g. {@code user:{id}}: the braces name a field and stay in the key as a
 *                      hash tag, so a row's value key and position key share a cluster slot
 * @param recentIndex   e.g. {@code user:{user_id}:orders}, scored by {@code recentScoreField}
 * @param recentLimit   how many members the sorted set keeps
 */
public record RedisTable(String keyTemplate, Optional<String> recentIndex, String recentScoreField, int recentLimit) {

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** The template with each {@code {field}} replaced by {@code {value}}; empty when a field is missing. */
    static Optional<String> render(String template, Map<String, Object> row) {
        Matcher matcher = FIELD.matcher(template);
        StringBuilder key = new StringBuilder();
        while (matcher.find()) {
            Object value = row.get(matcher.group(1));
            if (value == null) {
                return Optional.empty();
            }
            matcher.appendReplacement(key, Matcher.quoteReplacement("{" + value + "}"));
        }
        matcher.appendTail(key);
        return Optional.of(key.toString());
    }

    /** Matches exactly the keys {@link #render} makes of this template, whatever the field values. */
    Pattern keyPattern() {
        Matcher matcher = FIELD.matcher(keyTemplate);
        StringBuilder pattern = new StringBuilder();
        int literal = 0;
        while (matcher.find()) {
            pattern.append(Pattern.quote(keyTemplate.substring(literal, matcher.start()))).append("\\{[^}]*}");
            literal = matcher.end();
        }
        return Pattern.compile(pattern.append(Pattern.quote(keyTemplate.substring(literal))).toString());
    }

    /** The key prefix before the first field, e.g. {@code user:}: what a truncate scans. */
    String prefix() {
        int brace = keyTemplate.indexOf('{');
        return brace < 0 ? keyTemplate : keyTemplate.substring(0, brace);
    }
}
