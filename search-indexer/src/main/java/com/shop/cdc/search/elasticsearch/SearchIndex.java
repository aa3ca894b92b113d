package com.shop.cdc.search.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The three indexes; each declares its settings and mappings in {@code elasticsearch/<name>.json}. */
public enum SearchIndex {
    PRODUCTS, USERS, ORDERS;

    /** The unprefixed alias name, e.g. {@code products}. */
    public String baseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The declared index template body ({@code settings} and {@code mappings}), as stored in the repository. */
    String template() {
        try (InputStream in = SearchIndex.class.getResourceAsStream("/elasticsearch/" + baseName() + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
