package com.shop.cdc.common.sink.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Redis Cluster through the client in cluster mode, which sends a command to the master of its
 * keys' slot but a pipeline only whole to one node, a keyless command to any one node, and has no
 * per-node SCAN: pipelines are split by node, scripts loaded on every master, and each master is
 * scanned by a script keyed to one of its slots (the key only routes it; SCAN reads that node).
 */
final class ClusterKeyspace implements RedisKeyspace {

    private static final String SCAN = "return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])";

    private final RedisCalls redis;
    private final RedisCluster cluster;

    ClusterKeyspace(RedisCalls redis) {
        this.redis = redis;
        this.cluster = RedisCluster.create(redis.client().getDelegate());
    }

    @Override
    public String load(String script) {
        Request load = Request.cmd(Command.SCRIPT).arg("LOAD").arg(script);
        return redis.await(Uni.createFrom().completionStage(cluster.onAllMasterNodes(load.getDelegate()).toCompletionStage()))
                .get(0).toString();
    }

    @Override
    public List<Response> pipeline(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<io.vertx.redis.client.Request, Integer> order = new IdentityHashMap<>();
        List<io.vertx.redis.client.Request> plain = new ArrayList<>(requests.size());
        for (Request request : requests) {
            order.put(request.getDelegate(), plain.size());
            plain.add(request.getDelegate());
        }
        List<List<io.vertx.redis.client.Request>> byNode =
                redis.await(Uni.createFrom().completionStage(cluster.groupByNodes(plain).toCompletionStage()));
        List<Uni<List<Response>>> sent = new ArrayList<>(byNode.size());
        for (List<io.vertx.redis.client.Request> group : byNode) {
            sent.add(redis.client().batch(group.stream().map(Request::newInstance).toList()));
        }
        List<List<Response>> answers = redis.await(Uni.join().all(sent).andFailFast());
        Response[] inOrder = new Response[requests.size()];
        for (int node = 0; node < byNode.size(); node++) {
            for (int i = 0; i < byNode.get(node).size(); i++) {
                inOrder[order.get(byNode.get(node).get(i))] = answers.get(node).get(i);
            }
        }
        return Arrays.asList(inOrder);
    }

    @Override
    public void scan(String pattern, Consumer<List<String>> page) {
        for (String master : masterKeys()) {
            String cursor = "0";
            do {
                Response answer = redis.send(Request.cmd(Command.EVAL).arg(SCAN).arg(1).arg(master)
                        .arg(cursor).arg(pattern).arg(SCAN_COUNT));
                cursor = answer.get(0).toString();
                page.accept(RedisKeyspace.strings(answer.get(1)));
            } while (!cursor.equals("0"));
        }
    }

    /** For each master, a key in one of its slots (from CLUSTER SLOTS: start, end, master, replicas...). */
    private List<String> masterKeys() {
        Map<String, String> byMaster = new LinkedHashMap<>();
        for (Response range : redis.send(Request.cmd(Command.CLUSTER).arg("SLOTS"))) {
            Response master = range.get(2);
            byMaster.putIfAbsent(master.get(0) + ":" + master.get(1), HashSlots.tag(range.get(0).toInteger()));
        }
        return List.copyOf(byMaster.values());
    }

    @Override
    public String inSlotOf(String base, String rowKey) {
        return base + ":{" + HashSlots.tag(HashSlots.slot(rowKey)) + "}";
    }

    @Override
    public boolean oneSlot(String row) {
        return HashSlots.slot(row) == HashSlots.slot(row + ":pos");
    }

    @Override
    public List<String> copies(String base) {
        List<String> copies = new ArrayList<>(HashSlots.COUNT);
        for (int slot = 0; slot < HashSlots.COUNT; slot++) {
            copies.add(base + ":{" + HashSlots.tag(slot) + "}");
        }
        return copies;
    }
}
