package com.shop.cdc.common.sink.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the positions stored rows hold, for {@link UnchangedCarry}: typed binds matched by the
 * warehouse itself (no key is compared as text here), the truncate position folded in as a floor.
 */
final class StoredPositions implements UnchangedCarry.Floors {

    /** Keys per statement: PostgreSQL takes at most 32,767 binds, and few keys are ever asked at once. */
    private static final int CHUNK = 1000;

    private final Connection db;
    private final MergeSql sql;
    private final TableSpec table;

    StoredPositions(Connection db, MergeSql sql, TableSpec table) {
        this.db = db;
        this.sql = sql;
        this.table = table;
    }

    @Override
    public Map<List<Object>, Long> of(Collection<List<Object>> keys) throws SQLException {
        List<List<Object>> all = new ArrayList<>(keys);
        Map<List<Object>, Long> positions = new HashMap<>();
        long truncated = Long.MIN_VALUE;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<List<Object>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            try (PreparedStatement query = db.prepareStatement(sql.storedPositions(chunk.size()))) {
                int index = 1;
                for (List<Object> key : chunk) {
                    for (int k = 0; k < key.size(); k++) {
                        JdbcBatchLoader.bind(query, index++, table.columns().get(table.keyColumns().get(k)), key.get(k));
                    }
                }
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        int ordinal = rs.getInt(1);
                        if (ordinal < 0) {
                            truncated = rs.getLong(2);
                        } else {
                            positions.put(chunk.get(ordinal), rs.getLong(2));
                        }
                    }
                }
            }
        }
        if (truncated != Long.MIN_VALUE) {
            for (List<Object> key : all) {
                positions.merge(key, truncated, Math::max);
            }
        }
        return positions;
    }
}
