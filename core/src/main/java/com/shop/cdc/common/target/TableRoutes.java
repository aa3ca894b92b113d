package com.shop.cdc.common.target;

import com.shop.cdc.common.event.SourceTable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a target keeps of each configured source table, found for a change's table by the most
 * specific configured name that matches it ({@link SourceTable#matches(String)}): the database is
 * optional in configuration, so a capture of a database named otherwise still reaches its targets.
 * Each table seen is resolved once.
 *
 * @param <T> what a target keeps per table (a key template, a warehouse table, an index)
 */
public final class TableRoutes<T> {

    private final Map<String, T> configured;
    private final String property;
    private final Map<SourceTable, Optional<Resolved<T>>> resolved = new ConcurrentHashMap<>();

    /** A table's configured name and what the target keeps under it. */
    public record Resolved<T>(String name, T value) {
    }

    /**
     * @param configured by source name as configured ({@code [database.][schema.]table})
     * @param property   the configuration property that names them, for the reasons given to operators
     */
    public TableRoutes(Map<String, T> configured, String property) {
        this.configured = Collections.unmodifiableMap(new TreeMap<>(configured)); // sorted: reasons read the same each run
        this.property = property;
    }

    public String property() {
        return property;
    }

    public Optional<Resolved<T>> resolve(SourceTable table) {
        Optional<Resolved<T>> found = resolved.get(table);
        return found != null ? found : resolved.computeIfAbsent(table, this::bestMatch);
    }

    public Optional<T> find(SourceTable table) {
        return resolve(table).map(Resolved::value);
    }

    /** The configured name the table is kept under, if any. */
    public Optional<String> name(SourceTable table) {
        return resolve(table).map(Resolved::name);
    }

    public Set<String> names() {
        return configured.keySet();
    }

    private Optional<Resolved<T>> bestMatch(SourceTable table) {
        String best = null;
        int bestParts = 0;
        for (String name : configured.keySet()) {
            int parts = table.specificity(name);
            if (parts > bestParts) {
                best = name;
                bestParts = parts;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Resolved<>(best, configured.get(best)));
    }
}
