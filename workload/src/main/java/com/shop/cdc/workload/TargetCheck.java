package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Compares every target with the source, row by row and field by field: the users and orders
 * tables read from PostgreSQL and MariaDB, the products as the latest state per key of their
 * topic, and the users' recent-orders sets in Redis ({@link RecentOrdersCheck}). JSON columns are
 * compared by value and type, exactly (see {@link ComparedValue}); the columns the workload adds
 * mid-stream are compared once the source has them, in every target (all backfill them). Run after the sinks have stopped (a DuckDB
 * file has one process at a time). Checks the domains of {@code workload.domains}; the warehouse
 * is each sink's DuckDB file, or one database given as {@code workload.warehouse-jdbc-url}; the
 * search indexes when their server is given, the lake's Iceberg tables when asked. Prints
 * one line per target and returns the number of differing keys.
 */
final class TargetCheck {

    /** A compared field; {@code json}: its value is JSON, compared by value and type. */
    record Field(String name, boolean json) {

        static Field value(String name) {
            return new Field(name, false);
        }

        static Field json(String name) {
            return new Field(name, true);
        }
    }

    /** A table's state: key → compared fields, values normalised ({@link ComparedValue}). */
    /** A target's rows by key, and the keys it holds more than once (one row per key is the contract). */
    private record State(String name, Map<String, Map<String, String>> rows, Set<String> duplicated) {
        State(String name, Map<String, Map<String, String>> rows) {
            this(name, rows, Set.of());
        }
    }

    private final WorkloadConfig config;
    private final ObjectMapper exact;
    private final ComparedValue values;
    private final Redis redis;
    /** The search indexes are compared too when their server is given. */
    private final Optional<SearchIndexReader> search;
    /** The lake's tables are compared too when asked ({@code workload.lake-check}). */
    private final Optional<LakeReader> lake;

    TargetCheck(WorkloadConfig config, ObjectMapper json, Redis redis, Optional<LakeReader> lake) {
        this.config = config;
        this.exact = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        this.values = new ComparedValue(exact);
        this.redis = redis;
        this.search = config.elasticsearchUrl().map(url -> new SearchIndexReader(exact, url));
        this.lake = lake;
    }

    int run() throws Exception {
        Set<String> domains = config.domains();
        int problems = 0;
        if (domains.contains("users")) {
            List<Field> fields = new ArrayList<>(List.of(Field.value("full_name"), Field.value("balance"),
                    Field.value("loyalty_points"), Field.value("country"), Field.value("marketing_opt_in"),
                    Field.json("preferences"), Field.value("bio")));
            addedColumn(config.usersJdbcUrl(), AddedColumn.USERS_TIER, fields);
            State users = sql(config.usersJdbcUrl(), "users (PostgreSQL)", "id", "public.users", "", fields);
            problems += compare(users, redis("user", fields));
            problems += compare(users, sql(warehouse("users"), "USERS (" + warehouseKind() + ")", "id", "USERS",
                    "WHERE NOT _deleted", fields));
            if (search.isPresent()) {
                problems += compare(users, index("users", search.get().documents("users"), fields));
            }
            if (lake.isPresent()) {
                problems += compare(users, lake("users", List.of("id"), fields));
            }
        }
        if (domains.contains("orders")) {
            List<Field> fields = new ArrayList<>(List.of(Field.value("user_id"), Field.value("status"),
                    Field.value("total"), Field.value("currency"), Field.value("shipping_address"), Field.value("note")));
            addedColumn(config.ordersJdbcUrl(), AddedColumn.ORDERS_CHANNEL, fields);
            List<Field> itemFields = List.of(Field.value("product_id"), Field.value("quantity"), Field.value("unit_price"));
            String itemKey = "concat(order_id, '/', line_no)";
            State orders = sql(config.ordersJdbcUrl(), "orders (MariaDB)", "id", "orders", "", fields);
            State items = sql(config.ordersJdbcUrl(), "order_items (MariaDB)", itemKey, "order_items", "", itemFields);
            problems += compare(orders, redis("order", fields));
            problems += new RecentOrdersCheck(redis).run(config.ordersJdbcUrl());
            problems += compare(orders, sql(warehouse("orders"), "ORDERS (" + warehouseKind() + ")", "id", "ORDERS",
                    "WHERE NOT _deleted", fields));
            problems += compare(items, sql(warehouse("orders"), "ORDER_ITEMS (" + warehouseKind() + ")", itemKey,
                    "ORDER_ITEMS", "WHERE NOT _deleted", itemFields));
            if (search.isPresent()) {
                Map<String, JsonNode> documents = search.get().documents("orders");
                problems += compare(orders, index("orders", documents, fields));
                problems += compare(items, orderLines(documents, itemFields));
            }
            if (lake.isPresent()) {
                problems += compare(orders, lake("orders", List.of("id"), fields));
                problems += compare(items, lake("order_items", List.of("order_id", "line_no"), itemFields));
            }
        }
        if (domains.contains("products")) {
            List<Field> fields = List.of(Field.value("name"), Field.value("price"));
            State products = productsTopic();
            problems += compare(products, redis("product", fields));
            problems += compare(products, sql(warehouse("products"), "PRODUCTS (" + warehouseKind() + ")", "_id",
                    "PRODUCTS", "WHERE NOT _deleted", fields));
            if (search.isPresent()) {
                problems += compare(products, index("products", search.get().documents("products"), fields));
            }
            if (lake.isPresent()) {
                problems += compare(products, lake("products", List.of("_id"), fields));
            }
        }
        return problems;
    }

    /** Compares the column the workload adds mid-stream once the source has it. */
    private static void addedColumn(String sourceUrl, AddedColumn column, List<Field> fields) throws SQLException {
        if (columns(sourceUrl, column.table()).contains(column.column())) {
            fields.add(Field.value(column.column()));
        }
    }

    /** Documents of an index by id, with the compared fields. */
    private State index(String alias, Map<String, JsonNode> documents, List<Field> fields) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        documents.forEach((id, document) -> rows.put(id, fieldsOf(document, fields)));
        return new State("elasticsearch " + alias, rows);
    }

    /** The lines kept inside the order documents, as {@code order_id/line_no}. */
    private State orderLines(Map<String, JsonNode> orders, List<Field> fields) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        orders.forEach((id, order) -> order.path("lines").forEach(line ->
                rows.put(id + "/" + line.path("line_no").asText(), fieldsOf(line, fields))));
        return new State("elasticsearch orders.lines", rows);
    }

    private Map<String, String> fieldsOf(JsonNode document, List<Field> fields) {
        Map<String, String> compared = new TreeMap<>();
        for (Field field : fields) {
            compared.put(field.name(), values.field(document, field.name(), field.json()));
        }
        return compared;
    }

    /** A lake table's rows by key; a field the table has no column for is {@code absent}. */
    private State lake(String table, List<String> keys, List<Field> fields) throws IOException {
        LakeReader.Rows read = lake.orElseThrow().read(table, keys);
        Map<String, Map<String, String>> rows = new TreeMap<>();
        read.rows().forEach((key, record) -> {
            Map<String, String> compared = new TreeMap<>();
            for (Field field : fields) {
                compared.put(field.name(), !read.columns().contains(field.name()) ? ComparedValue.ABSENT
                        : values.column(record.getField(field.name()), field.json()));
            }
            rows.put(key, compared);
        });
        return new State("lake " + read.name(), rows, read.duplicated());
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
                examples.add(row.getKey() + " " + differences(row.getValue(), actual));
            }
        }
        for (String key : target.rows().keySet()) {
            if (!source.rows().containsKey(key)) {
                extra++;
                examples.add("extra " + key);
            }
        }
        target.duplicated().forEach(key -> examples.add("twice " + key));
        int duplicated = target.duplicated().size();
        System.out.printf("  %-24s vs %-22s source %6d  target %6d  missing %4d  extra %4d  different %4d%s%s%n",
                target.name(), source.name(), source.rows().size(), target.rows().size(), missing, extra, different,
                duplicated == 0 ? "" : "  duplicated %4d".formatted(duplicated),
                examples.isEmpty() ? "" : "  e.g. " + examples.subList(0, Math.min(3, examples.size())));
        return missing + extra + different + duplicated;
    }

    /** Field → "target value != source value" for each field that differs. */
    private static Map<String, String> differences(Map<String, String> source, Map<String, String> target) {
        Map<String, String> differing = new TreeMap<>();
        source.forEach((field, value) -> {
            if (!value.equals(target.get(field))) {
                differing.put(field, target.get(field) + " != " + value);
            }
        });
        return differing;
    }

    /**
     * The rows of a table (those {@code where} keeps) by {@code key}, with the compared fields; a
     * field the table has no column for (a warehouse that never added it) is {@code absent}.
     */
    private State sql(String url, String name, String key, String table, String where, List<Field> fields)
            throws SQLException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        Set<String> duplicated = new TreeSet<>();
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement()) {
            Set<String> columns = columns(db, table);
            StringBuilder select = new StringBuilder("SELECT " + key);
            fields.stream().filter(f -> columns.contains(f.name())).forEach(f -> select.append(", ").append(f.name()));
            try (ResultSet rs = statement.executeQuery(select + " FROM " + table + " " + where)) {
                while (rs.next()) {
                    Map<String, String> compared = new TreeMap<>();
                    for (Field field : fields) {
                        compared.put(field.name(), !columns.contains(field.name()) ? ComparedValue.ABSENT
                                : values.column(field.json() ? rs.getString(field.name()) : rs.getObject(field.name()),
                                        field.json()));
                    }
                    if (rows.put(rs.getString(1), compared) != null) {
                        duplicated.add(rs.getString(1));
                    }
                }
            }
        }
        return new State(name, rows, duplicated);
    }

    private static Set<String> columns(String url, String table) throws SQLException {
        try (Connection db = DriverManager.getConnection(url)) {
            return columns(db, table);
        }
    }

    /** The table's column names, lower-cased. */
    private static Set<String> columns(Connection db, String table) throws SQLException {
        Set<String> columns = new TreeSet<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /** Rows kept under {@code <prefix>:{<key>}}, leaving out position keys and indexes. */
    private State redis(String prefix, List<Field> fields) throws Exception {
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
                    JsonNode document = exact.readTree(redis.sendAndAwait(Request.cmd(Command.GET).arg(key.toString())).toString());
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
                    JsonNode payload = exact.readTree(record.value()).get("payload");
                    JsonNode source = payload.get("source");
                    long position = source.get("ts_ms").asLong() / 1000 * 1_000_000 + source.get("ord").asLong();
                    String id = exact.readTree(exact.readTree(record.key()).get("payload").get("id").asText()).get("$oid").asText();
                    if (positions.getOrDefault(id, -1L) >= position) {
                        continue;
                    }
                    positions.put(id, position);
                    if (payload.get("op").asText().equals("d")) {
                        rows.remove(id);
                    } else {
                        JsonNode after = exact.readTree(payload.get("after").asText());
                        rows.put(id, new TreeMap<>(Map.of("name", ComparedValue.scalar(after.get("name").asText()),
                                "price", ComparedValue.scalar(after.get("price").get("$numberDecimal").asText()))));
                    }
                }
            }
        }
        return new State("products (topic)", rows);
    }
}
