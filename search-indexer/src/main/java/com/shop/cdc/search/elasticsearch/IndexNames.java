package com.shop.cdc.search.elasticsearch;

/**
 * Where one logical index lives: searches and writes use {@code alias}; {@code index} is the
 * concrete index of the configured generation, e.g. alias {@code products}, index {@code products-v1}.
 */
public record IndexNames(String alias, String index) {

    public static IndexNames of(String prefix, SearchIndex index, int generation) {
        String alias = prefix + index.baseName();
        return new IndexNames(alias, alias + "-v" + generation);
    }

    /** The pattern the index template applies to: every generation of this alias. */
    public String pattern() {
        return alias + "-v*";
    }

    /**
     * The truncate barriers of the tables feeding this index, one document per table. Named after
     * the alias, outside the template's pattern: deleting a domain's indexes ({@code users*})
     * deletes its barriers with them, which a source whose log restarts lower needs.
     */
    public String truncations() {
        return alias + "-truncations";
    }
}
