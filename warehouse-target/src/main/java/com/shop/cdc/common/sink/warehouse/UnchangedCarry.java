package com.shop.cdc.common.sink.warehouse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves unchanged TOAST placeholders against the batch itself. The MERGE keeps only the newest
 * staged change per key and takes an {@code _unchanged} column from the stored row, which is right
 * only when no earlier change of that key is in the same batch: otherwise the column's value is the
 * one that earlier change wrote. So, only for keys whose placeholder change follows another change
 * of the key in the batch, the stored positions are read ({@link Floors}), changes not newer than
 * the stored row (or the table's truncate) are left out, and values are carried forward in position
 * order; a delete stops the carry. What the batch cannot tell stays unchanged: the stored row,
 * then the newest state before it, is the value. A batch without placeholders costs one pass.
 */
final class UnchangedCarry {

    /** The position each key's stored row (or the table's truncate, if later) holds; absent when neither. */
    interface Floors {
        Map<List<Object>, Long> of(Collection<List<Object>> keys) throws SQLException;
    }

    private UnchangedCarry() {
    }

    static List<WarehouseRow> resolve(List<String> keyColumns, List<WarehouseRow> rows, Floors floors) throws SQLException {
        if (rows.stream().allMatch(row -> row.unchanged().isEmpty())) {
            return rows;
        }
        Map<List<Object>, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byKey.computeIfAbsent(key(keyColumns, rows.get(i)), k -> new ArrayList<>()).add(i);
        }
        Map<List<Object>, List<Integer>> wanted = new LinkedHashMap<>();
        byKey.forEach((key, indexes) -> {
            long first = indexes.stream().mapToLong(i -> rows.get(i).position()).min().orElseThrow();
            if (indexes.stream().map(rows::get).anyMatch(row -> !row.unchanged().isEmpty() && row.position() > first)) {
                wanted.put(key, indexes);
            }
        });
        if (wanted.isEmpty()) {
            return rows;
        }
        Map<List<Object>, Long> stored = floors.of(wanted.keySet());
        List<WarehouseRow> resolved = new ArrayList<>(rows);
        wanted.forEach((key, indexes) -> carry(resolved, indexes, stored.getOrDefault(key, Long.MIN_VALUE)));
        return resolved;
    }

    /** Walks one key's changes newer than its floor in position order; duplicates of a position resolve alike. */
    private static void carry(List<WarehouseRow> rows, List<Integer> indexes, long floor) {
        List<Integer> ordered = new ArrayList<>(indexes);
        ordered.sort(Comparator.comparingLong(i -> rows.get(i).position()));
        Map<String, Object> known = null; // the state before the current position; null when nothing is known
        int at = 0;
        while (at < ordered.size()) {
            long position = rows.get(ordered.get(at)).position();
            Map<String, Object> next = known;
            for (; at < ordered.size() && rows.get(ordered.get(at)).position() == position; at++) {
                if (position <= floor) {
                    continue; // the stored row is newer: it, not this change, is what came before
                }
                int index = ordered.get(at);
                WarehouseRow row = rows.get(index);
                if (row.deleted()) {
                    next = null;
                    continue;
                }
                if (known != null && !row.unchanged().isEmpty()) {
                    Map<String, Object> carried = new HashMap<>();
                    for (String column : row.unchanged()) {
                        if (known.containsKey(column)) {
                            carried.put(column, known.get(column));
                        }
                    }
                    row = row.with(carried);
                    rows.set(index, row);
                }
                next = new HashMap<>(row.values());
                next.keySet().removeAll(row.unchanged());
            }
            known = next;
        }
    }

    private static List<Object> key(List<String> keyColumns, WarehouseRow row) {
        List<Object> key = new ArrayList<>(keyColumns.size());
        keyColumns.forEach(column -> key.add(row.values().get(column)));
        return key;
    }
}
