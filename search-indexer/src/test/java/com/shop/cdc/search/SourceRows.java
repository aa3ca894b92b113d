package com.shop.cdc.search;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/** Rows written at the local stack's sources, and the documents the running service makes of them. */
final class SourceRows {

    private SourceRows() {
    }

    static long insertUser(String email) throws Exception {
        return insert("jdbc:postgresql://127.0.0.1:5432/shop_users?user=postgres", """
                INSERT INTO public.users (id, email, full_name, phone, created_at)
                VALUES (900000000 + (extract(epoch from clock_timestamp()) * 1000000)::bigint % 99999999,
                        ?, 'Integration Test', '+1 555 0100', now())""", email);
    }

    static long insertOrder() throws Exception {
        return insert("jdbc:mariadb://127.0.0.1:3306/shop_orders?user=root", """
                INSERT INTO orders (user_id, status, total, currency, created_at)
                VALUES (1, 'PENDING', 12.34, 'EUR', now(3))""");
    }

    /** The live document of a row, once the service has indexed it. */
    static JsonNode awaitDocument(RestClient elasticsearch, ObjectMapper json, String alias, long id, Duration atMost) {
        AtomicReference<JsonNode> document = new AtomicReference<>();
        await().atMost(atMost).ignoreExceptions().until(() -> {
            Response response = elasticsearch.performRequest(new Request("GET", "/" + alias + "/_doc/" + id));
            JsonNode found = json.readTree(response.getEntity().getContent());
            document.set(found.path("_source"));
            return found.path("found").asBoolean() && !found.path("_source").path("_cdc").path("deleted").asBoolean();
        });
        return document.get();
    }

    private static long insert(String jdbcUrl, String sql, String... parameters) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = db.prepareStatement(sql, new String[] {"id"})) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
