package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether some target of the service keeps a change's table. One that none keeps is a bad record
 * of stage {@code route}: dead-lettered with the names that would route it, so it can be replayed
 * once the configuration is fixed, instead of being committed unwritten.
 */
public final class Routing implements ChangePipeline.RouteCheck {

    private final List<ChangeWriter> writers;
    private final String service;
    private final Map<SourceTable, Optional<String>> unrouted = new ConcurrentHashMap<>();

    public Routing(List<ChangeWriter> writers, String service) {
        this.writers = List.copyOf(writers);
        this.service = service;
    }

    /**
     * Fails start-up on a configured source that no declared topic can carry (a misspelt table):
     * Debezium names a topic {@code <prefix>.<schema or database>.<table>}, so a table's name is its
     * topic's last part.
     */
    void requireConsumable(Collection<String> topics) {
        for (ChangeWriter writer : writers) {
            for (String source : writer.routes().names()) {
                String table = source.substring(source.lastIndexOf('.') + 1);
                boolean carried = topics.stream().anyMatch(topic -> topic.substring(topic.lastIndexOf('.') + 1).equals(table));
                if (!carried) {
                    throw new IllegalArgumentException(writer.routes().property() + " names source table '" + source
                            + "', which none of the declared topics " + topics + " carries (a topic ends with its table's"
                            + " name); fix the source name or declare its topic under cdc.pipeline.topics");
                }
            }
        }
    }

    /** Why no target keeps the change's table, or nothing when one does. */
    @Override
    public Optional<String> unrouted(ChangeEvent change) {
        return unrouted.computeIfAbsent(change.table(), this::reasonUnrouted);
    }

    private Optional<String> reasonUnrouted(SourceTable table) {
        if (writers.stream().anyMatch(writer -> writer.routes().resolve(table).isPresent())) {
            return Optional.empty();
        }
        StringJoiner configured = new StringJoiner("; ");
        for (ChangeWriter writer : writers) {
            TableRoutes<?> routes = writer.routes();
            configured.add(writer.target() + " keeps " + routes.names() + " (" + routes.property() + ")");
        }
        return Optional.of("no target of " + service + " keeps source table " + table.qualifiedName()
                + ": expected a configured source name matching [database.][schema.]table, e.g. '"
                + (table.schema() == null ? table.database() + "." : table.schema() + ".") + table.table()
                + "'; found " + configured + ". Add it to the property and replay this dead letter.");
    }
}
