package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Compares every target with the source, row by row: the users and orders tables read from
 * PostgreSQL and MariaDB, the products as the latest state per key of their topic. Run after the
 * sinks have stopped (a DuckDB file has one process at a time). Checks the domains of
 * {@code workload.domains}; the warehouse is each sink's DuckDB file, or one database given as
 * {@code workload.warehouse-jdbc-url}. Prints one line per target and returns the number of differing keys.
 */
final class TargetCheck {

    /** A table's state: key → compared fields, values normalised (decimals by value). */
    private record State(String name, Map<String, Map<String, String>> rows) {
    }

    private final WorkloadConfig config;
    private final ObjectMapper json;
    private final Redis redis;
    /** The search indexes are compared too when their server is given. */
    private final Optional<SearchIndexReader> search;

    TargetCheck(WorkloadConfig config, ObjectMapper json, Redis redis) {
        this.config = config;
        this.json = json;
        this.redis = redis;
        this.search = config.elasticsearchUrl().map(url -> new SearchIndexReader(json, url));
    }

    int run() throws Exception {
        Set<String> domains = config.domains();
        int problems = 0;
        if (domains.contains("users")) {
            State users = sql(config.usersJdbcUrl(), "users (PostgreSQL)", "SELECT id, full_name, balance FROM public.users");
            problems += compare(users, redis("user", "full_name", "balance"));
            problems += compare(users, sql(warehouse("users"), "USERS (" + warehouseKind() + ")",
                    "SELECT id, full_name, balance FROM USERS WHERE NOT _deleted"));
            if (search.isPresent()) {
                problems += compare(users, index("users", search.get().documents("users"), "full_name", "balance"));
            }
        }
        if (domains.contains("orders")) {
            State orders = sql(config.ordersJdbcUrl(), "orders (MariaDB)", "SELECT id, status, total FROM orders");
            State items = sql(config.ordersJdbcUrl(), "order_items (MariaDB)",
                    "SELECT concat(order_id, '/', line_no) AS id, quantity FROM order_items");
            problems += compare(orders, redis("order", "status", "total"));
            problems += compare(orders, sql(warehouse("orders"), "ORDERS (" + warehouseKind() + ")",
                    "SELECT id, status, total FROM ORDERS WHERE NOT _deleted"));
            problems += compare(items, sql(warehouse("orders"), "ORDER_ITEMS (" + warehouseKind() + ")",
                    "SELECT concat(order_id, '/', line_no) AS id, quantity FROM ORDER_ITEMS WHERE NOT _deleted"));
            if (search.isPresent()) {
                Map<String, JsonNode> documents = search.get().documents("orders");
                problems += compare(orders, index("orders", documents, "status", "total"));
                problems += compare(items, orderLines(documents));
            }
        }
        if (domains.contains("products")) {
            State products = productsTopic();
            problems += compare(products, redis("product", "name", "price"));
            problems += compare(products, sql(warehouse("products"), "PRODUCTS (" + warehouseKind() + ")",
                    "SELECT _id AS id, name, price FROM PRODUCTS WHERE NOT _deleted"));
            if (search.isPresent()) {
                problems += compare(products, index("products", search.get().documents("products"), "name", "price"));
            }
        }
        return problems;
    }

    /** Documents of an index by id, with the compared fields. */
    private static State index(String alias, Map<String, JsonNode> documents, String... fields) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        documents.forEach((id, document) -> rows.put(id, fieldsOf(document, fields)));
        return new State("elasticsearch " + alias, rows);
    }

    /** The lines kept inside the order documents, as {@code order_id/line_no}. */
    private static State orderLines(Map<String, JsonNode> orders) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        orders.forEach((id, order) -> order.path("lines").forEach(line ->
                rows.put(id + "/" + line.path("line_no").asText(), fieldsOf(line, "quantity"))));
        return new State("elasticsearch orders.lines", rows);
    }

    private static Map<String, String> fieldsOf(JsonNode document, String... fields) {
        Map<String, String> values = new TreeMap<>();
        for (String field : fields) {
            JsonNode value = document.get(field);
            values.put(field, normalise(value == null || value.isNull() ? null : value.asText()));
        }
        return values;
    }

    /** The shared warehouse database when one is given, else the domain's DuckDB file. */
    private String warehouse(String domain) {
        return config.warehouseJdbcUrl().orElse("jdbc:duckdb:" + config.warehouseDir() + "/warehouse-" + domain + ".duckdb");
    }

    private String warehouseKind() {
        return config.warehouseJdbcUrl().map(url -> url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "warehouse")
                .orElse("DuckDB");
    }

    private static int compare(State source, State target) {
        int missing = 0;
        int extra = 0;
        int different = 0;
        List<String> examples = new ArrayList<>();
        for (var row : source.rows().entrySet()) {
            Map<String, String> actual = target.rows().get(row.getKey());
            if (actual == null) {
                missing++;
                examples.add("missing " + row.getKey());
            } else if (!actual.equals(row.getValue())) {
                different++;
                examples.add(row.getKey() + " " + actual + " != " + row.getValue());
            }
        }
        for (String key : target.rows().keySet()) {
            if (!source.rows().containsKey(key)) {
                extra++;
                examples.add("extra " + key);
            }
        }
        System.out.printf("  %-24s vs %-22s source %6d  target %6d  missing %4d  extra %4d  different %4d%s%n",
                target.name(), source.name(), source.rows().size(), target.rows().size(), missing, extra, different,
                examples.isEmpty() ? "" : "  e.g. " + examples.subList(0, Math.min(3, examples.size())));
        return missing + extra + different;
    }

    private static State sql(String url, String name, String query) throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                Map<String, String> fields = new TreeMap<>();
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    fields.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), normalise(rs.getObject(i)));
                }
                rows.put(rs.getString(1), fields);
            }
        }
        return new State(name, rows);
    }

    /** Rows kept under {@code <prefix>:{<key>}}, leaving out position keys and indexes. */
    private State redis(String prefix, String... fields) throws Exception {
        Pattern rowKey = Pattern.compile("^" + prefix + ":\\{([^}]+)}$");
        Map<String, Map<String, String>> rows = new TreeMap<>();
        String cursor = "0";
        do {
            Response scan = redis.sendAndAwait(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":{*}")
                    .arg("COUNT").arg(1000));
            cursor = scan.get(0).toString();
            for (Response key : scan.get(1)) {
                Matcher matcher = rowKey.matcher(key.toString());
                if (matcher.matches()) {
                    JsonNode document = json.readTree(redis.sendAndAwait(Request.cmd(Command.GET).arg(key.toString())).toString());
                    rows.put(matcher.group(1), fieldsOf(document, fields));
                }
            }
        } while (!cursor.equals("0"));
        return new State("redis " + prefix + ":{…}", rows);
    }

    /** The products' latest state per key, replaying their topic (MongoDB cannot run here). */
    private State productsTopic() throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        Map<String, Map<String, String>> rows = new TreeMap<>();
        Map<String, Long> positions = new TreeMap<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.productsTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    JsonNode payload = json.readTree(record.value()).get("payload");
                    JsonNode source = payload.get("source");
                    long position = source.get("ts_ms").asLong() / 1000 * 1_000_000 + source.get("ord").asLong();
                    String id = json.readTree(json.readTree(record.key()).get("payload").get("id").asText()).get("$oid").asText();
                    if (positions.getOrDefault(id, -1L) >= position) {
                        continue;
                    }
                    positions.put(id, position);
                    if (payload.get("op").asText().equals("d")) {
                        rows.remove(id);
                    } else {
                        JsonNode after = json.readTree(payload.get("after").asText());
                        rows.put(id, new TreeMap<>(Map.of("name", normalise(after.get("name").asText()),
                                "price", normalise(after.get("price").get("$numberDecimal").asText()))));
                    }
                }
            }
        }
        return new State("products (topic)", rows);
    }

    private static String normalise(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        if (value instanceof BigDecimal || text.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return text;
    }
}
