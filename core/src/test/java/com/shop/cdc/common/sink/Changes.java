package com.shop.cdc.common.sink;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Change histories for sink tests: what a source did to a set of keys, and what the target must end up with. */
public final class Changes {

    private Changes() {
    }

    public static ChangeEvent upsert(SourceTable table, long id, long lsn, Map<String, Object> row) {
        Map<String, Object> after = new LinkedHashMap<>(row);
        after.put("id", id);
        return new ChangeEvent(table, Map.of("id", id), Operation.UPDATE, null, after, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates("t", 0, lsn, 0), Map.of());
    }

    public static ChangeEvent delete(SourceTable table, long id, long lsn, Map<String, Object> before) {
        Map<String, Object> row = new LinkedHashMap<>(before);
        row.put("id", id);
        return new ChangeEvent(table, Map.of("id", id), Operation.DELETE, row, null, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates("t", 0, lsn, 0), Map.of());
    }

    public static ChangeEvent truncate(SourceTable table, long lsn) {
        return new ChangeEvent(table, Map.of(), Operation.TRUNCATE, null, null, SourcePosition.postgres(lsn, false),
                Instant.ofEpochMilli(lsn), null, false, new KafkaCoordinates("t", 0, lsn, 0), Map.of());
    }

    /**
     * A random history: {@code keys} rows, each created, updated several times and sometimes deleted
     * (and sometimes re-created), positions growing as in a real log.
     */
    public static List<ChangeEvent> history(SourceTable table, int keys, int changesPerKey, long seed) {
        Random random = new Random(seed);
        List<ChangeEvent> history = new ArrayList<>();
        long lsn = 1000;
        for (int step = 0; step < keys * changesPerKey; step++) {
            long id = random.nextInt(keys);
            lsn += 1 + random.nextInt(50);
            if (random.nextInt(10) == 0) {
                history.add(delete(table, id, lsn, Map.of("email", "gone" + id + "@example.com")));
            } else {
                history.add(upsert(table, id, lsn, Map.of("email", "u" + id + "-" + lsn + "@example.com",
                        "balance", new java.math.BigDecimal(random.nextInt(100000)).movePointLeft(2))));
            }
        }
        return history;
    }

    /** The newest change of every key: exactly what the target must hold. */
    public static Map<Object, ChangeEvent> latest(List<ChangeEvent> history) {
        Map<Object, ChangeEvent> latest = new LinkedHashMap<>();
        for (ChangeEvent change : history) {
            latest.merge(change.key().get("id"), change, (a, b) -> b.position().isAfter(a.position()) ? b : a);
        }
        return latest;
    }

    /** Delivery as Kafka might do it across restarts and partitions: shuffled, with duplicates. */
    public static List<ChangeEvent> shuffledWithDuplicates(List<ChangeEvent> history, long seed) {
        Random random = new Random(seed);
        List<ChangeEvent> delivered = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 3; i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    /** Delivery in consumer batches of {@code size}. */
    public static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }
}
