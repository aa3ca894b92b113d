package com.shop.cdc.users;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Users changes as Debezium's PostgreSQL connector writes them (JsonConverter with schemas), made
 * from a real captured event: each with its own id, email and LSN, and open to being broken.
 */
final class UserChanges {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode TEMPLATE = template();

    private UserChanges() {
    }

    /** The Kafka key of a user's changes. */
    static byte[] key(long id) {
        ObjectNode key = (ObjectNode) TEMPLATE.get("key").deepCopy();
        ((ObjectNode) key.get("payload")).put("id", id);
        return bytes(key);
    }

    /** A create of user {@code id} at {@code lsn}. */
    static ObjectNode create(long id, String email, long lsn) {
        ObjectNode value = (ObjectNode) TEMPLATE.get("value").deepCopy();
        ObjectNode payload = (ObjectNode) value.get("payload");
        ObjectNode after = (ObjectNode) payload.get("after");
        after.put("id", id);
        after.put("email", email);
        after.put("full_name", "User " + id);
        ObjectNode source = (ObjectNode) payload.get("source");
        source.put("lsn", lsn);
        source.put("sequence", "[null,\"" + lsn + "\"]");
        return value;
    }

    /** The same change as {@link #create}, altered by {@code breaking}. */
    static byte[] create(long id, String email, long lsn, Consumer<ObjectNode> breaking) {
        ObjectNode value = create(id, email, lsn);
        breaking.accept(value);
        return bytes(value);
    }

    static ObjectNode payload(ObjectNode value) {
        return (ObjectNode) value.get("payload");
    }

    static ObjectNode after(ObjectNode value) {
        return (ObjectNode) payload(value).get("after");
    }

    /** The schema of a field of the {@code after} image. */
    static ObjectNode afterField(ObjectNode value, String field) {
        for (var image : value.get("schema").get("fields")) {
            if (image.get("field").asText().equals("after")) {
                for (var candidate : image.get("fields")) {
                    if (candidate.get("field").asText().equals(field)) {
                        return (ObjectNode) candidate;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no field " + field);
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ObjectNode template() {
        try (InputStream in = UserChanges.class.getResourceAsStream("/users-create.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
