package com.shop.cdc.common.sink.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A truncate as a per-table position barrier: first the barrier is raised in each of its copies
 * (one on a single Redis, one per hash slot on a cluster, the one a row's write script reads), so
 * from then on no change older than the truncate writes a row of the table; then every master is
 * scanned for the table's rows and those older than the truncate are removed, with their
 * recent-index memberships. Rows written after it (from other partitions) stay.
 */
final class RedisTruncate {

    private final RedisKeyspace redis;

    RedisTruncate(RedisKeyspace redis) {
        this.redis = redis;
    }

    void apply(RedisScripts.Loaded scripts, KeyTemplate key, String barrier, String position) {
        List<Request> raises = new ArrayList<>();
        for (String copy : redis.copies(barrier)) {
            raises.add(Request.cmd(Command.EVALSHA).arg(scripts.raiseBarrier()).arg(1).arg(copy).arg(position));
        }
        redis.batch(raises);
        redis.scanRows(key, rows -> {
            List<Request> calls = new ArrayList<>();
            for (String row : rows) {
                calls.add(Request.cmd(Command.EVALSHA).arg(scripts.truncate()).arg(4).arg(row + ":pos").arg(row)
                        .arg(RecentIndexMoves.memoryKey(row)).arg(RecentIndexMoves.leftKey(row)).arg(position));
            }
            List<Response> answers = redis.batch(calls);
            RecentIndexMoves moves = new RecentIndexMoves();
            for (int i = 0; i < rows.size(); i++) {
                moves.afterTruncate(rows.get(i), answers.get(i));
            }
            moves.apply(redis);
        });
    }
}
