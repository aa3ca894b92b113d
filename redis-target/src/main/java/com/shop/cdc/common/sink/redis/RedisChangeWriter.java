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
import com.shop.cdc.common.target.TargetRow;
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
import java.util.stream.Collectors;

/**
 * Keeps Redis equal to the source: one atomic script per key compares the stored source position
 * and writes only a newer change; a delete leaves a marker with its position for
 * {@code tombstoneTtl}; a truncate raises a per-table barrier ({@link RedisTruncate}). A batch goes
 * out in pipelines.
 * <p>
 * Unchanged TOAST values ({@link Unavailable}) are written as the placeholder and the script puts
 * the stored row's bytes of each in its place (within a pipeline the stored row already has the
 * batch's earlier changes of the key); nothing is decoded and encoded again, so numbers, empty
 * arrays and the field order stay as written.
 * <p>
 * A row's recent-index membership follows what Redis holds, not the change's before image (a
 * rejected intermediate change never reached Redis): {@code <row key>:idx} remembers the index the
 * row is in, and a write or delete leaves that one. Rows written before it existed fall back to the
 * before image; a truncate removes the memberships of the rows it removes. The index is another
 * key than the row's, so the script names the index to join and those to leave and
 * {@link RecentIndexMoves} applies them after the row scripts: the index follows the row a pipeline
 * later, and a crash in between is repaired by the batch's replay.
 * <p>
 * A change declaring column defaults starts a {@link DefaultBackfill} of its table once per process:
 * stored rows lacking such a field get its default, fields a change wrote are never overwritten.
 * <p>
 * On a Redis Cluster ({@link RedisMode#CLUSTER}) it holds the same: every script's keys share the
 * row key's hash tag (the braces of its template: {@code order:{42}}, {@code order:{42}:pos},
 * {@code :idx}, {@code :left}); the truncate barrier has a copy in each slot, raised in all before a
 * truncate removes rows; pipelines are split by node and scans cover every master
 * ({@link ClusterKeyspace}). A row key whose hash tag is empty ({@code order:{}}) has no one slot for
 * its keys: on a cluster its changes are rejected. As a {@link TargetInventory} it hands
 * reconciliation to {@link RedisInventory}.
 */
public final class RedisChangeWriter implements ChangeWriter, TargetInventory {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** A pipeline of a thousand guarded writes takes milliseconds; ten seconds without an answer is a hang. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] NO_DOCUMENT = new byte[0];

    private final RedisCalls redis;
    private final RedisKeyspace keyspace;
    private final RedisTruncate truncate;
    private final ObjectMapper json;
    private final TableRoutes<RedisTable> tableRoutes;
    /** The table and truncate barrier of each source table seen, so a change costs one lookup. */
    private final Map<SourceTable, Optional<Route>> routes = new ConcurrentHashMap<>();
    private final Duration tombstoneTtl;
    private final DefaultBackfill backfill;
    private final Map<String, KeyTemplate> tableKeys;
    private final RedisInventory inventory;
    /** Null until loaded, and again after a failure: a Redis that restarted has lost them. */
    private volatile RedisScripts.Loaded scripts;

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
        this(redis, RedisMode.STANDALONE, json, tables, tombstoneTtl, backfills, commandTimeout);
    }

    /** @param mode how the client reaches Redis: {@value RedisMode#PROPERTY} */
    public RedisChangeWriter(Redis redis, RedisMode mode, ObjectMapper json, Map<String, RedisTable> tables,
                             Duration tombstoneTtl, Executor backfills, Duration commandTimeout) {
        this.redis = new RedisCalls(redis, commandTimeout);
        this.keyspace = RedisKeyspace.of(this.redis, mode);
        this.truncate = new RedisTruncate(keyspace);
        this.json = json;
        this.tableRoutes = new TableRoutes<>(tables, "cdc.redis.tables.\"<source>\".key");
        this.tombstoneTtl = tombstoneTtl;
        this.backfill = new DefaultBackfill(keyspace, json.getFactory(), backfills);
        this.tableKeys = tables.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, table -> table.getValue().key()));
        this.inventory = new RedisInventory(target(), keyspace, json.getFactory(), tables, tableRoutes, backfill);
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
            RedisScripts.Loaded loaded = loadScripts();
            List<WriteOutcome> outcomes = new ArrayList<>(changes.size());
            List<RowWrite> pipeline = new ArrayList<>();
            for (ChangeEvent change : changes) {
                Route route = route(change).orElse(null);
                outcomes.add(WriteOutcome.IGNORED);
                if (route == null) {
                    continue;
                }
                if (change.operation() == Operation.TRUNCATE) {
                    flush(pipeline, outcomes); // what came before the truncate is applied first
                    truncate.apply(loaded, route.table().key(), route.barrierKey(), position(change));
                    outcomes.set(outcomes.size() - 1, WriteOutcome.WRITTEN);
                } else {
                    backfill.notice(route.name(), route.table().key(), change);
                    int at = outcomes.size() - 1;
                    guardedWrite(loaded, route, change, at).ifPresent(write -> {
                        if (keyspace.oneSlot(write.row())) {
                            pipeline.add(write);
                        } else {
                            outcomes.set(at, WriteOutcome.rejected("the Redis key " + write.row()
                                    + " has an empty hash tag, so its keys cannot share a cluster slot"));
                        }
                    });
                }
            }
            flush(pipeline, outcomes);
            backfill.start(); // after the batch: its own rows are passed over too
            return outcomes;
        } catch (RuntimeException e) {
            scripts = null; // a Redis that restarted has lost our scripts: load them again on the retry
            throw new TargetUnavailableException(target(), e);
        }
    }

    /** Loads the scripts once Redis answers the bounded probe: a start-up never hangs on it. */
    @Override
    public void prepare() {
        probe();
        try {
            loadScripts(); // set once all are loaded: a failure leaves them to be loaded again
            backfill.loadPassed(tableKeys);
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
        try {
            backfill.loadPassed(tableKeys); // a reconciliation needs them, also when Redis was down at start-up
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(target(), e);
        }
        return inventory.digestOf(change);
    }

    @Override
    public void scan(Consumer<TargetKey> keys) {
        inventory.scan(keys);
    }

    @Override
    public Optional<TargetRow> read(String key) {
        return inventory.read(key);
    }

    /** One change's row script, with what its recent-index moves need. */
    private record RowWrite(int outcome, String row, String member, long score, int limit, Request request) {
    }

    private void flush(List<RowWrite> pipeline, List<WriteOutcome> outcomes) {
        List<Response> answers = keyspace.batch(pipeline.stream().map(RowWrite::request).toList());
        RecentIndexMoves moves = new RecentIndexMoves();
        for (int i = 0; i < answers.size(); i++) {
            RowWrite write = pipeline.get(i);
            Response answer = answers.get(i);
            outcomes.set(write.outcome(), answer.get(0).toInteger() == 1 ? WriteOutcome.WRITTEN : WriteOutcome.STALE);
            moves.afterWrite(write.row(), write.member(), write.score(), write.limit(), answer);
        }
        moves.apply(keyspace);
        pipeline.clear();
    }

    private Optional<RowWrite> guardedWrite(RedisScripts.Loaded loaded, Route route, ChangeEvent change, int outcome) {
        RedisTable table = route.table();
        Optional<String> valueKey = table.key().render(change.key());
        if (valueKey.isEmpty()) {
            return Optional.empty();
        }
        String row = valueKey.get();
        boolean delete = change.operation() == Operation.DELETE;
        String member = keyValues(change.key());
        Request request = Request.cmd(Command.EVALSHA).arg(loaded.write()).arg(5)
                .arg(row).arg(row + ":pos").arg(keyspace.inSlotOf(route.barrierKey(), row))
                .arg(RecentIndexMoves.memoryKey(row)).arg(RecentIndexMoves.leftKey(row))
                .arg(position(change)).arg(delete ? "del" : "set")
                .arg(delete ? NO_DOCUMENT : document(backfill.completed(route.name(), change)))
                .arg(tombstoneTtl.toSeconds()).arg(member)
                .arg(delete ? "" : recentIndex(table, change.after()))
                .arg(change.before() == null ? "" : recentIndex(table, change.before()))
                .arg(table.recentIndex().isPresent() ? "1" : "0");
        if (!delete && change.after().containsValue(Unavailable.VALUE)) {
            change.after().forEach((name, value) -> {
                if (value == Unavailable.VALUE) {
                    request.arg(DefaultBackfill.escaped(name));
                }
            });
        }
        long score = score(change.row().get(table.recentScoreField()));
        return Optional.of(new RowWrite(outcome, row, member, score, table.recentLimit(), request));
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

    private RedisScripts.Loaded loadScripts() {
        RedisScripts.Loaded loaded = scripts;
        if (loaded == null) {
            loaded = RedisScripts.Loaded.into(keyspace);
            scripts = loaded;
        }
        return loaded;
    }
}
