package com.shop.cdc.common.sink.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.target.JsonDocument;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * {@code ALTER TABLE … ADD COLUMN c … DEFAULT x} fills the source's existing rows without a change
 * event; the changes after it declare the default in their schema. Seeing such a change, this gives
 * the table's stored rows that lack the field its default: one SCAN pass over the table's rows,
 * one script call per row and one pipeline per SCAN page, on the executor, so the
 * batches of other changes do not wait for it. The script adds a field only where it is absent, so a
 * value a change wrote is never overwritten, and a second pass (another process, a restart) changes
 * nothing. Each (table, field, default) is passed over once per process; a pass that fails is
 * passed over again on the next change declaring it.
 * <p>
 * A change from before the ALTER may still arrive after the pass (another partition lagging): it
 * is written with the defaults its table declared, as the source's row has them, when it lacks the
 * field and is older than the change the default was learned from (a newer change lacking it comes
 * after a DROP COLUMN, and is written as it is).
 * <p>
 * The fields a pass is started for are kept in Redis ({@code <key prefix>defaults}, a set) before the pass
 * begins: a restarted process, which has not seen the declaring change, still knows which stored rows
 * may hold more than their change wrote, so its reconciliation does not call them different.
 */
final class DefaultBackfill {

    private static final Logger LOG = Logger.getLogger(DefaultBackfill.class);

    /** One default of one table: the field, its JSON-escaped name and the member a document gets. */
    record Default(String table, String field, String name, String member) {
    }

    private record Known(Object value, long since) {
    }

    /** A table's declared defaults as one change carried them: most changes repeat the last one seen. */
    private record Declared(String table, Map<String, Object> defaults) {
    }

    /** The defaults noticed and not passed over yet, with the rows they go to. */
    private record Pending(KeyTemplate key, Default value) {
    }

    private final RedisKeyspace redis;
    private final JsonFactory json;
    private final Executor executor;
    private final Set<Declared> declared = ConcurrentHashMap.newKeySet();
    private final Set<Default> started = ConcurrentHashMap.newKeySet();
    /** By table and field: the declared default and the position of the change it was learned from. */
    private final Map<String, Map<String, Known>> known = new ConcurrentHashMap<>();
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** By table: the fields a pass was started for, by this process or an earlier one (kept in Redis). */
    private final Map<String, Set<String>> passed = new ConcurrentHashMap<>();
    private volatile boolean passedLoaded;

    DefaultBackfill(RedisKeyspace redis, JsonFactory json, Executor executor) {
        this.redis = redis;
        this.json = json;
        this.executor = executor;
    }

    /** Notes the defaults a change of {@code table} declares; cheap once its table's defaults were seen. */
    void notice(String table, KeyTemplate key, ChangeEvent change) {
        if (change.defaults().isEmpty() || !declared.add(new Declared(table, change.defaults()))) {
            return;
        }
        change.defaults().forEach((field, value) -> {
            known.computeIfAbsent(table, name -> new ConcurrentHashMap<>())
                    .putIfAbsent(field, new Known(value, change.position().value()));
            Map<String, Object> member = new LinkedHashMap<>();
            member.put(field, value);
            String document = new String(JsonDocument.utf8(member, json), StandardCharsets.UTF_8);
            Default declaredDefault = new Default(table, field, escaped(field), document.substring(1, document.length() - 1));
            if (started.add(declaredDefault)) {
                pending.add(new Pending(key, declaredDefault));
            }
        });
    }

    /** Whether the table declared a default for a field this row lacks: Redis may hold more than the change wrote. */
    boolean mayHaveFilled(String table, Map<String, Object> row) {
        Map<String, Known> fields = known.get(table);
        return fields != null && !row.keySet().containsAll(fields.keySet())
                || !row.keySet().containsAll(passed.getOrDefault(table, Set.of()));
    }

    /** Reads the fields earlier passes were started for; again on each call until it has succeeded once. */
    void loadPassed(Map<String, KeyTemplate> tables) {
        if (passedLoaded) {
            return;
        }
        List<String> names = List.copyOf(tables.keySet());
        List<Request> reads = names.stream().map(table -> Request.cmd(Command.SMEMBERS).arg(passedKey(tables.get(table))))
                .toList();
        List<Response> answers = redis.batch(reads);
        for (int i = 0; i < names.size(); i++) {
            passed.computeIfAbsent(names.get(i), table -> ConcurrentHashMap.newKeySet()).addAll(RedisKeyspace.strings(answers.get(i)));
        }
        passedLoaded = true;
    }

    private static String passedKey(KeyTemplate key) {
        return key.prefix() + "defaults";
    }

    /** The change's row, with the declared defaults of the fields it lacks when it predates the ALTER. */
    Map<String, Object> completed(String table, ChangeEvent change) {
        Map<String, Known> fields = known.get(table);
        if (fields == null || change.after().keySet().containsAll(fields.keySet())) {
            return change.after();
        }
        Map<String, Object> row = new LinkedHashMap<>(change.after());
        fields.forEach((field, declared) -> {
            if (!row.containsKey(field) && change.position().value() < declared.since()) {
                row.put(field, declared.value());
            }
        });
        return row;
    }

    /** Passes over the tables of the defaults noticed so far, on the executor. */
    void start() {
        Map<KeyTemplate, List<Default>> byTable = new LinkedHashMap<>();
        for (Pending next = pending.poll(); next != null; next = pending.poll()) {
            byTable.computeIfAbsent(next.key(), key -> new ArrayList<>()).add(next.value());
        }
        byTable.forEach((key, defaults) -> executor.execute(() -> pass(key, defaults)));
    }

    private void pass(KeyTemplate key, List<Default> defaults) {
        try {
            long filled = fill(key, defaults);
            LOG.infof("Defaults %s given to %d stored rows of %s", names(defaults), filled, defaults.get(0).table());
        } catch (RuntimeException e) {
            defaults.forEach(started::remove);
            declared.clear(); // the next change declaring them notices them again
            LOG.warnf(e, "Defaults %s not given to the stored rows of %s yet: retried on a later change",
                    names(defaults), defaults.get(0).table());
        }
    }

    /** One row per script call: on a cluster the rows of a page are in many slots. */
    private long fill(KeyTemplate key, List<Default> defaults) {
        Request remember = Request.cmd(Command.SADD).arg(passedKey(key));
        defaults.forEach(value -> remember.arg(value.field()));
        redis.batch(List.of(remember));
        defaults.forEach(value -> passed.computeIfAbsent(value.table(), table -> ConcurrentHashMap.newKeySet()).add(value.field()));
        String sha = redis.load(RedisScripts.BACKFILL_DEFAULT);
        long[] filled = {0};
        redis.scanRows(key, rows -> {
            List<Request> calls = new ArrayList<>();
            for (String row : rows) {
                Request call = Request.cmd(Command.EVALSHA).arg(sha).arg(1).arg(row);
                defaults.forEach(value -> call.arg(value.name()).arg(value.member()));
                calls.add(call);
            }
            for (Response answer : redis.batch(calls)) {
                filled[0] += answer.toLong();
            }
        });
        return filled[0];
    }

    /** A field's name as Jackson writes it between the quotes: what the scripts compare. */
    static String escaped(String field) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(field));
    }

    private static List<String> names(List<Default> defaults) {
        return defaults.stream().map(Default::name).toList();
    }
}
