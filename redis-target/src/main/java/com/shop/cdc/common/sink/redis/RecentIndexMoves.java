package com.shop.cdc.common.sink.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent-index side of the row scripts. A user's index is in another hash slot than the row,
 * so a row script only says which index the row joins and which it leaves; this does it after the
 * row scripts of a pipeline, in their order: the leaves, the join with its trim, and then, in a
 * pipeline of its own, takes the indexes left off the row's list ({@code <row>:left}). A crash
 * before that leaves them listed: the replay of the batch removes the member from them again, and
 * the replay of a row's last written change joins its index again (ZREM and ZADD are idempotent).
 */
final class RecentIndexMoves {

    private record Move(String row, String member, String join, long score, int limit, List<String> leave) {
    }

    private final List<Move> moves = new ArrayList<>();

    static String memoryKey(String row) {
        return row + ":idx";
    }

    static String leftKey(String row) {
        return row + ":left";
    }

    /** @param reply the write script's answer: written, the index to join (or ''), the indexes to leave */
    void afterWrite(String row, String member, long score, int limit, Response reply) {
        add(new Move(row, member, reply.get(1).toString(), score, limit, rest(reply)));
    }

    /** @param reply the truncate script's answer: removed, the row's member (or ''), the indexes to leave */
    void afterTruncate(String row, Response reply) {
        String member = reply.get(1).toString();
        if (!member.isEmpty()) {
            add(new Move(row, member, "", 0, 0, rest(reply)));
        }
    }

    private void add(Move move) {
        if (!move.join().isEmpty() || !move.leave().isEmpty()) {
            moves.add(move);
        }
    }

    private static List<String> rest(Response reply) {
        List<String> leave = new ArrayList<>();
        for (int i = 2; i < reply.size(); i++) {
            leave.add(reply.get(i).toString());
        }
        return leave;
    }

    void apply(RedisKeyspace redis) {
        List<Request> index = new ArrayList<>();
        List<Request> forget = new ArrayList<>();
        for (Move move : moves) {
            move.leave().forEach(left -> index.add(Request.cmd(Command.ZREM).arg(left).arg(move.member())));
            if (!move.join().isEmpty()) {
                index.add(Request.cmd(Command.ZADD).arg(move.join()).arg(move.score()).arg(move.member()));
                index.add(Request.cmd(Command.ZREMRANGEBYRANK).arg(move.join()).arg(0).arg(-(move.limit() + 1)));
            }
            if (!move.leave().isEmpty()) {
                Request done = Request.cmd(Command.SREM).arg(leftKey(move.row()));
                move.leave().forEach(done::arg);
                forget.add(done);
            }
        }
        moves.clear();
        redis.batch(index);
        redis.batch(forget);
    }
}
