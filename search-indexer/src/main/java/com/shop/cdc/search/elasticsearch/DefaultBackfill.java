package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.ChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * {@code ALTER TABLE … ADD COLUMN c … DEFAULT x} fills the source's existing rows without a change
 * event; the changes after it declare the default in their schema. Seeing such a change, this gives
 * the documents of the table that lack the field its default, written as a change's document would
 * hold that value ({@link DefaultFields}: a field the index keeps out stays out): one pass over the
 * index per (table, field, default) and process, on the executor after the batch, so the writes of
 * other changes do not wait for it. Each pass adds a field only where a document lacks it, guarded
 * so that a change written meanwhile wins ({@link KeyedBackfill}, {@link OrderBackfill}): a value a
 * change wrote is never overwritten, and a second pass (a restart, another instance) changes
 * nothing. A pass that fails is passed over again on the next change declaring the default.
 */
final class DefaultBackfill {

    private static final Logger LOG = Logger.getLogger(DefaultBackfill.class);

    /** How the documents of one source table are backfilled: their document builder, and the pass over their index. */
    record Table(UnaryOperator<Map<String, Object>> documents, BiFunction<IndexLayout, List<DefaultFields>, BackfillCount> pass) {
    }

    /** One declared default of one table. */
    record Default(String table, String field, Object value) {
    }

    /** A finished pass over a table's documents, for the defaults named. */
    record Pass(String table, List<String> fields, long filled, long raced, long refused) {
    }

    /** A table's declared defaults as one change carried them: most changes repeat the last one seen. */
    private record Declared(String table, Map<String, Object> defaults) {
    }

    private final Map<String, Table> tables;
    private final Executor executor;
    private final Set<Declared> declared = ConcurrentHashMap.newKeySet();
    private final Set<Default> started = ConcurrentHashMap.newKeySet();
    /** Per default, the position of the first change seen declaring it. */
    private final Map<Default, Long> since = new ConcurrentHashMap<>();
    private final Queue<Default> pending = new ConcurrentLinkedQueue<>();
    private final List<Pass> passes = new CopyOnWriteArrayList<>();

    DefaultBackfill(Map<String, Table> tables, Executor executor) {
        this.tables = Map.copyOf(tables);
        this.executor = executor;
    }

    /** Notes the defaults a change of {@code table} (its configured name) declares; cheap once they were seen. */
    void notice(String table, ChangeEvent change) {
        if (change.defaults().isEmpty() || !tables.containsKey(table) || !declared.add(new Declared(table, change.defaults()))) {
            return;
        }
        change.defaults().forEach((field, value) -> {
            Default declaredDefault = new Default(table, field, value);
            since.putIfAbsent(declaredDefault, change.position().value());
            if (started.add(declaredDefault)) {
                pending.add(declaredDefault);
            }
        });
    }

    /** Starts a pass over each table with defaults noticed since the last start, on the executor. */
    void start(IndexLayout layout) {
        Map<String, List<Default>> byTable = new LinkedHashMap<>();
        for (Default next = pending.poll(); next != null; next = pending.poll()) {
            byTable.computeIfAbsent(next.table(), table -> new ArrayList<>()).add(next);
        }
        byTable.forEach((table, defaults) -> executor.execute(() -> pass(layout, table, defaults)));
    }

    /** The passes finished so far, oldest first. */
    List<Pass> passes() {
        return List.copyOf(passes);
    }

    private void pass(IndexLayout layout, String table, List<Default> defaults) {
        Table how = tables.get(table);
        List<DefaultFields> fields = new ArrayList<>();
        long unstorable = 0;
        for (Default declaredDefault : defaults) {
            try {
                DefaultFields written = DefaultFields.of(declaredDefault.field(), declaredDefault.value(), how.documents())
                        .before(since.getOrDefault(declaredDefault, Long.MAX_VALUE));
                if (!written.fields().isEmpty()) { // else the index keeps the field out (a personal field not indexed)
                    fields.add(written);
                }
            } catch (IllegalArgumentException e) {
                unstorable++;
                LOG.warnf("The default of %s.%s is not given to its documents: %s", table, declaredDefault.field(),
                        e.getMessage());
            }
        }
        List<String> names = defaults.stream().map(Default::field).toList();
        try {
            BackfillCount count = fields.isEmpty() ? new BackfillCount() : how.pass().apply(layout, fields);
            passes.add(new Pass(table, names, count.filledCount(), count.racedCount(), count.refusedCount() + unstorable));
            LOG.infof("Defaults %s given to the documents of %s lacking them: %s", names, table, count);
        } catch (RuntimeException e) {
            defaults.forEach(started::remove);
            declared.clear(); // the next change declaring them notices them again
            LOG.warnf(e, "Defaults %s not given to the documents of %s yet: passed over again on a later change", names, table);
        }
    }
}
