package com.shop.cdc.common.sink.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.target.JsonDocument;
import com.shop.cdc.common.target.RowDigest;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.TargetKey;
import com.shop.cdc.common.target.TargetRow;
import com.shop.cdc.common.target.TargetUnavailableException;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What Redis holds, for reconciliation: the position keys of each table, each with its row's key,
 * position and digest; a position without its row is a delete marker. One key's row on request.
 */
final class RedisInventory {

    private final String target;
    private final RedisKeyspace redis;
    private final JsonFactory json;
    private final Map<String, RedisTable> tables;
    private final TableRoutes<RedisTable> routes;
    private final DefaultBackfill backfill;

    /** @param target the writer's name, for the failures it reports */
    RedisInventory(String target, RedisKeyspace redis, JsonFactory json, Map<String, RedisTable> tables,
                   TableRoutes<RedisTable> routes, DefaultBackfill backfill) {
        this.target = target;
        this.redis = redis;
        this.json = json;
        this.tables = Map.copyOf(tables);
        this.routes = routes;
        this.backfill = backfill;
    }

    Optional<String> keyOf(ChangeEvent change) {
        return routes.find(change.table()).flatMap(table -> table.key().render(change.key()));
    }

    /**
     * The row exactly as the write script stores it, unless it keeps unchanged values from the stored
     * row or lacks a field its table declares a default for (a backfill may have added it).
     */
    String digestOf(ChangeEvent change) {
        if (change.operation() == Operation.DELETE || change.after().containsValue(Unavailable.VALUE)
                || routes.name(change.table()).map(name -> backfill.mayHaveFilled(name, change.after())).orElse(false)) {
            return null;
        }
        return RowDigest.of(JsonDocument.json(change.after(), json));
    }

    /** One SCAN page at a time (of every master on a cluster), its positions and rows fetched in one pipeline. */
    void scan(Consumer<TargetKey> keys) {
        for (RedisTable table : tables.values()) {
            try {
                redis.scanRows(table.key(), rows -> list(rows, keys));
            } catch (Consumed e) {
                throw e.failure;
            } catch (RuntimeException e) {
                throw new TargetUnavailableException(target, e);
            }
        }
    }

    /** The row and its position, read together; a key outside every table's template is not looked up. */
    Optional<TargetRow> read(String key) {
        if (tables.values().stream().noneMatch(table -> table.key().keyPattern().matcher(key).matches())) {
            return Optional.empty();
        }
        List<Response> answers;
        try {
            answers = redis.batch(List.of(Request.cmd(Command.GET).arg(key + ":pos"), Request.cmd(Command.GET).arg(key)));
        } catch (RuntimeException e) {
            throw new TargetUnavailableException(target, e);
        }
        Response position = answers.get(0);
        Response row = answers.get(1);
        return position == null ? Optional.empty()
                : Optional.of(new TargetRow(key, Long.parseLong(position.toString()), row == null,
                        row == null ? null : row.toString()));
    }

    private void list(List<String> found, Consumer<TargetKey> keys) {
        List<Request> reads = new ArrayList<>();
        for (String row : found) {
            reads.add(Request.cmd(Command.GET).arg(row + ":pos"));
            reads.add(Request.cmd(Command.GET).arg(row));
        }
        List<Response> answers = redis.batch(reads);
        for (int i = 0; i < found.size(); i++) {
            Response position = answers.get(2 * i);
            Response row = answers.get(2 * i + 1);
            if (position != null) { // a marker that expired between SCAN and GET
                TargetKey key = new TargetKey(found.get(i), Long.parseLong(position.toString()), row == null,
                        row == null ? null : RowDigest.of(row.toString()));
                try {
                    keys.accept(key);
                } catch (RuntimeException e) {
                    throw new Consumed(e);
                }
            }
        }
    }

    /** The consumer's own failure, passed through the scan as it is: not Redis being unavailable. */
    private static final class Consumed extends RuntimeException {

        private final RuntimeException failure;

        Consumed(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
