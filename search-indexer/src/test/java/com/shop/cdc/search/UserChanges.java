package com.shop.cdc.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Debezium PostgreSQL changes of a users row, as JsonConverter writes them without schemas: a test's own topic. */
final class UserChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserChanges() {
    }

    static byte[] key(long id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(long id, String op, long lsn, String email, String fullName) {
        try {
            return JSON.writeValueAsBytes(change(id, op, lsn, email, fullName));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change always serialises", e);
        }
    }

    static Map<String, Object> change(long id, String op, long lsn, String email, String fullName) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("email", email);
        row.put("full_name", fullName);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("version", "3.5.0.Final");
        source.put("connector", "postgresql");
        source.put("name", "shop");
        source.put("ts_ms", System.currentTimeMillis());
        source.put("snapshot", "false");
        source.put("db", "shop");
        source.put("sequence", "[null,\"" + lsn + "\"]");
        source.put("schema", "public");
        source.put("table", "users");
        source.put("txId", lsn);
        source.put("lsn", lsn);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("before", op.equals("d") ? row : null);
        value.put("after", op.equals("d") ? null : row);
        value.put("source", source);
        value.put("op", op);
        value.put("ts_ms", System.currentTimeMillis());
        return value;
    }
}
