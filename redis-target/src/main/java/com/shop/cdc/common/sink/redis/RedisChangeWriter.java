package com.shop.cdc.common.sink.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.JsonDocument;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetInventory;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Keeps Redis equal to the source: one atomic script per key compares the stored source position
 * and writes only a newer change; a delete leaves a marker with its position for
 * {@code tombstoneTtl}; a truncate raises a per-table barrier. A batch goes out in pipelines.
 * <p>
 * Unchanged TOAST values ({@link Unavailable}) are written as the placeholder and the script puts
 * the stored row's bytes of each in its place (within a pipeline the stored row already has the
 * batch's earlier changes of the key); nothing is decoded and encoded again, so numbers, empty
 * arrays and the field order stay as written.
 * <p>
 * A row's recent-index membership follows what Redis holds, not the change's before image (a
 * rejected intermediate change never reached Redis): {@code <row key>:idx} remembers the index the
 * row is in, and a write or delete leaves that one. Rows written before it existed fall back to the
 * before image; a truncate removes the memberships of the rows it removes.
 * <p>
 * A change declaring column defaults starts a {@link DefaultBackfill} of its table once per process:
 * stored rows lacking such a field get its default, fields a change wrote are never overwritten.
 * <p>
 * Works on a single Redis, not a cluster: the truncate barrier is a key of its own, outside the
 * row's slot, and the write and truncate scripts touch the index a row's {@code :idx} names, a key
 * not passed in KEYS. As a {@link TargetInventory} it hands reconciliation to {@link RedisInventory}.
 */
public final class RedisChangeWriter implements ChangeWriter, TargetInventory {

    /**
     * Commands per pipeline: the client refuses more replies waiting than its
     * {@code max-waiting-handlers} (2048 by default), so a large batch goes as several pipelines.
     */
    private static final int MAX_PIPELINE = 1000;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** A pipeline of a thousand guarded writes takes milliseconds; ten seconds without an answer is a hang. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] NO_DOCUMENT = new byte[0];

    private final RedisCalls redis;
    private final ObjectMapper json;
    private final TableRoutes<RedisTable> tableRoutes;
    /** The table and truncate barrier of each source table seen, so a change costs one lookup. */
    private final Map<SourceTable, Optional<Route>> routes = new ConcurrentHashMap<>();
    private final Duration tombstoneTtl;
    private final DefaultBackfill backfill;
    private final RedisInventory inventory;
    private volatile String writeSha;
    private volatile String truncateSha;

    /** @param tables by configured source name ({@code [database.][schema.]table}, see {@link TableRoutes}) */
    public RedisChangeWriter(Redis redis, ObjectMapper json, Map<String, RedisTable> tables, Duration tombstoneTtl) {
        this(redis, json, tables, tombstoneTtl, backfillThread());
    }

    /** The thread the passes giving stored rows a newly declared default run on, off the writes' own. */
    public static Executor backfillThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "redis-default-backfill");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param backfills where the passes giving stored rows a newly declared default run */
    public RedisChangeWriter(Redis redis, ObjectMapper json, Map<String, RedisTable> tables, Duration tombstoneTtl,
                             Executor backfills) {
        this(redis, json, tables, tombstoneTtl, backfills, DEFAULT_COMMAND_TIMEOUT);
    }

    /** @param commandTimeout how long one command or pipeline may take before Redis counts as unavailable */
    public RedisChangeWriter(Redis redis, ObjectMapper json, Map<String, RedisTable> tables, Duration tombstoneTtl,
                             Executor backfills, Duration commandTimeout) {
        this.redis = new RedisCalls(redis, commandTimeout);
        this.json = json;
        this.tableRoutes = new TableRoutes<>(tables, "cdc.redis.tables.\"<source>\".key");
        this.tombstoneTtl = tombstoneTtl;
        this.backfill = new DefaultBackfill(this.redis, json.getFactory(), backfills);
        this.inventory = new RedisInventory(target(), this.redis, json.getFactory(), tables, tableRoutes, backfill);
    }

    @Override
    public String target() {
        return "redis";
    }

    @Override
    public TableRoutes<RedisTable> routes() {
        return tableRoutes;
    }

    @Override
    public List<WriteOutcome> write(List<ChangeEvent> changes) {
        try {
            loadScripts();
            List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
            List<Request> pipeline = new ArrayList<>();
            List<Integer> pipelined = new ArrayList<>();
            for (ChangeEvent change : changes) {
                Route route = route(change).orElse(null);
                outcomes.add(WriteOutcome.IGNORED);
                if (route == null) {
                    continue;
                }
                if (change.operation() == Operation.TRUNCATE) {
                    flush(pipeline, pipelined, outcomes); // what came before the truncate is applied first
                    truncate(route, change);
                    outcomes.set(outcomes.size() - 1, WriteOutcome.WRITTEN);
                } else {
                    backfill.notice(route.name(), route.table().key(), change);
                    guardedWrite(route, change).ifPresent(request -> {
                        pipeline.add(request);
                        pipelined.add(outcomes.size() - 1);
                    });
                }
            }
            flush(pipeline, pipelined, outcomes);
            backfill.start(); // after the batch: its own rows are passed over too
            return outcomes;
        } catch (RuntimeException e) {
            writeSha = null; // a Redis that restarted has lost our scripts: load them again on the retry
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** Loads the scripts once Redis answers the bounded probe: a start-up never hangs on it. */
    @Override
    public void prepare() {
        probe();
        try {
            loadScripts(); // the write script's hash is set last: a failure leaves it to be loaded again
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(target(), e);
        }
    }

    @Override
    public void probe() {
        try {
            redis.send(Request.cmd(Command.PING), PROBE_TIMEOUT);
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(target(), e);
        }
    }

    @Override
    public Optional<String> keyOf(ChangeEvent change) {
        return inventory.keyOf(change);
    }

    @Override
    public String digestOf(ChangeEvent change) {
        return inventory.digestOf(change);
    }

    @Override
    public void scan(Consumer<TargetKey> keys) {
        inventory.scan(keys);
    }

    private void flush(List<Request> pipeline, List<Integer> indexes, List<WriteOutcome> outcomes) {
        for (int from = 0; from < pipeline.size(); from += MAX_PIPELINE) {
            int to = Math.min(pipeline.size(), from + MAX_PIPELINE);
            List<Response> responses = redis.batch(pipeline.subList(from, to));
            for (int i = 0; i < responses.size(); i++) {
                boolean written = responses.get(i).toInteger() == 1;
                outcomes.set(indexes.get(from + i), written ? WriteOutcome.WRITTEN : WriteOutcome.STALE);
            }
        }
        pipeline.clear();
        indexes.clear();
    }

    private Optional<Request> guardedWrite(Route route, ChangeEvent change) {
        RedisTable table = route.table();
        Optional<String> valueKey = table.key().render(change.key());
        if (valueKey.isEmpty()) {
            return Optional.empty();
        }
        boolean delete = change.operation() == Operation.DELETE;
        String index = delete ? "" : recentIndex(table, change.after());
        String leftIndex = change.before() == null ? "" : recentIndex(table, change.before());
        String indexMemory = table.recentIndex().isPresent() ? valueKey.get() + ":idx" : "";
        Request request = Request.cmd(Command.EVALSHA).arg(writeSha).arg(6)
                .arg(valueKey.get()).arg(valueKey.get() + ":pos").arg(route.barrierKey()).arg(index).arg(leftIndex)
                .arg(indexMemory)
                .arg(position(change)).arg(delete ? "del" : "set")
                .arg(delete ? NO_DOCUMENT : document(backfill.completed(route.name(), change)))
                .arg(tombstoneTtl.toSeconds()).arg(keyValues(change.key()))
                .arg(score(change.row().get(table.recentScoreField()))).arg(table.recentLimit());
        if (!delete && change.after().containsValue(Unavailable.VALUE)) {
            change.after().forEach((name, value) -> {
                if (value == Unavailable.VALUE) {
                    request.arg(DefaultBackfill.escaped(name));
                }
            });
        }
        return Optional.of(request);
    }

    private static String recentIndex(RedisTable table, Map<String, Object> row) {
        return table.recentIndex().isEmpty() ? "" : table.recentIndex().get().render(row).orElse("");
    }

    /** The key's values joined by commas: the member of the recent-rows sorted set. */
    private static String keyValues(Map<String, Object> key) {
        if (key.size() == 1) {
            return String.valueOf(key.values().iterator().next());
        }
        StringJoiner values = new StringJoiner(",");
        key.values().forEach(value -> values.add(String.valueOf(value)));
        return values.toString();
    }

    private void truncate(Route route, ChangeEvent change) {
        String cursor = "0";
        do {
            Response scan = redis.send(RedisInventory.positionKeys(route.table().key(), cursor));
            cursor = scan.get(0).toString();
            Request request = Request.cmd(Command.EVALSHA).arg(truncateSha).arg(1 + scan.get(1).size()).arg(route.barrierKey());
            for (Response key : scan.get(1)) {
                request.arg(key.toString());
            }
            redis.send(request.arg(position(change)));
        } while (!cursor.equals("0"));
    }

    /** A table kept in Redis under its configured name, with the key whose position a truncate raises. */
    private record Route(String name, RedisTable table, String barrierKey) {
    }

    private Optional<Route> route(ChangeEvent change) {
        Optional<Route> route = routes.get(change.table());
        return route != null ? route : routes.computeIfAbsent(change.table(), source -> tableRoutes.resolve(source)
                .map(table -> new Route(table.name(), table.value(), "cdc:truncated:" + table.name())));
    }

    /** Zero-padded to 19 digits, so Lua's string comparison is the numeric order of positions. */
    static String position(ChangeEvent change) {
        return position(change.position().value());
    }

    static String position(long position) {
        String digits = Long.toString(position);
        return position >= 0 && digits.length() < 19 ? "0".repeat(19 - digits.length()) + digits
                : String.format("%019d", position);
    }

    /** The row's JSON; an unchanged TOAST value as the placeholder, which the script replaces by the stored value. */
    private byte[] document(Map<String, Object> row) {
        if (!row.containsValue(Unavailable.VALUE)) {
            return JsonDocument.utf8(row, json.getFactory());
        }
        Map<String, Object> marked = new LinkedHashMap<>(row);
        marked.replaceAll((name, value) -> value == Unavailable.VALUE ? Unavailable.PLACEHOLDER : value);
        return JsonDocument.utf8(marked, json.getFactory());
    }

    private static long score(Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        return value instanceof Number number ? number.longValue() : 0;
    }

    private void loadScripts() {
        if (writeSha == null) {
            truncateSha = redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RedisScripts.TRUNCATE)).toString();
            writeSha = redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RedisScripts.WRITE)).toString();
        }
    }
}
