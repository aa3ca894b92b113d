package com.shop.cdc.common.sink.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.KafkaCoordinates;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The Kafka offsets a table's commits have consumed: topic, partition, the next offset to read. Each commit of
 * the writer stores them all in its snapshot summary ({@value #SUMMARY}); a change below them is already in the
 * table. Maintenance commits (compaction, expiry) carry none, so they are read from the newest snapshot that has them.
 */
final class KafkaOffsets {

    static final String SUMMARY = "cdc.offsets";

    private static final TypeReference<Map<String, Map<Integer, Long>>> SHAPE = new TypeReference<>() {
    };

    private final Map<String, Map<Integer, Long>> next = new TreeMap<>();

    private KafkaOffsets() {
    }

    static KafkaOffsets none() {
        return new KafkaOffsets();
    }

    /** The offsets of the table's newest snapshot that carries them, walking back over maintenance commits. */
    static KafkaOffsets of(Table table, ObjectMapper json) {
        KafkaOffsets offsets = new KafkaOffsets();
        for (Snapshot s = table.currentSnapshot(); s != null; s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
            String stored = s.summary().get(SUMMARY);
            if (stored != null) {
                try {
                    json.readValue(stored, SHAPE).forEach((topic, partitions) -> offsets.next.put(topic, new TreeMap<>(partitions)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("table " + table.name() + ": snapshot " + s.snapshotId() + " has an unreadable "
                            + SUMMARY + ": " + e.getOriginalMessage(), e);
                }
                break;
            }
        }
        return offsets;
    }

    /** Whether a committed snapshot of the table already holds the change read here. */
    boolean committed(KafkaCoordinates origin) {
        if (origin == null) {
            return false;
        }
        Long nextOffset = next.getOrDefault(origin.topic(), Map.of()).get(origin.partition());
        return nextOffset != null && origin.offset() < nextOffset;
    }

    /** These offsets and the change's record: what a commit that holds it stores. */
    KafkaOffsets with(Iterable<KafkaCoordinates> consumed) {
        KafkaOffsets after = new KafkaOffsets();
        next.forEach((topic, partitions) -> after.next.put(topic, new TreeMap<>(partitions)));
        for (KafkaCoordinates origin : consumed) {
            if (origin != null) {
                after.next.computeIfAbsent(origin.topic(), t -> new TreeMap<>()).merge(origin.partition(), origin.offset() + 1, Math::max);
            }
        }
        return after;
    }

    boolean isEmpty() {
        return next.isEmpty();
    }

    String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(next);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return next.toString();
    }
}
