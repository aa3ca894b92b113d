package com.shop.cdc.workload;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares Redis's {@code user:{id}:orders} sets with the orders the source lists per user: each
 * live order under exactly its current user, whatever users it passed through (also by changes the
 * rules rejected). A set keeps a user's {@value #RECENT_LIMIT} most recent orders (orders-sink's
 * {@code recent-limit}); for a user with more, the set must hold no more and only that user's orders
 * (which ones stay depends on ties in {@code created_at} and on orders that left since).
 */
final class RecentOrdersCheck {

    static final int RECENT_LIMIT = 20;
    private static final Pattern SET_KEY = Pattern.compile("^user:\\{([^}]+)}:orders$");

    private final Redis redis;

    RecentOrdersCheck(Redis redis) {
        this.redis = redis;
    }

    /** Prints one line and returns the number of users whose set differs. */
    int run(String ordersJdbcUrl) throws SQLException {
        Map<String, Set<String>> source = source(ordersJdbcUrl);
        Map<String, Set<String>> target = target();
        Set<String> users = new TreeSet<>(source.keySet());
        users.addAll(target.keySet());
        int different = 0;
        int capped = 0;
        List<String> examples = new ArrayList<>();
        for (String user : users) {
            Set<String> expected = source.getOrDefault(user, Set.of());
            Set<String> actual = target.getOrDefault(user, Set.of());
            boolean ok;
            if (expected.size() <= RECENT_LIMIT) {
                ok = actual.equals(expected);
            } else {
                capped++;
                ok = actual.size() <= RECENT_LIMIT && expected.containsAll(actual);
            }
            if (!ok) {
                different++;
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(actual);
                Set<String> extra = new TreeSet<>(actual);
                extra.removeAll(expected);
                examples.add("user " + user + (expected.size() > RECENT_LIMIT ? " (" + expected.size() + " orders)" : "")
                        + " missing " + (expected.size() > RECENT_LIMIT ? "-" : missing) + " extra " + extra);
            }
        }
        System.out.printf("  %-24s vs %-22s users  %6d  capped %4d  different %4d%s%n", "redis user:{…}:orders",
                "orders.user_id (MariaDB)", users.size(), capped, different,
                examples.isEmpty() ? "" : "  e.g. " + examples.subList(0, Math.min(3, examples.size())));
        return different;
    }

    private static Map<String, Set<String>> source(String url) throws SQLException {
        Map<String, Set<String>> orders = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, user_id FROM orders")) {
            while (rs.next()) {
                orders.computeIfAbsent(rs.getString(2), user -> new TreeSet<>()).add(rs.getString(1));
            }
        }
        return orders;
    }

    private Map<String, Set<String>> target() {
        Map<String, Set<String>> sets = new TreeMap<>();
        String cursor = "0";
        do {
            Response scan = redis.sendAndAwait(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("user:{*}:orders")
                    .arg("COUNT").arg(1000));
            cursor = scan.get(0).toString();
            for (Response key : scan.get(1)) {
                Matcher matcher = SET_KEY.matcher(key.toString());
                if (matcher.matches()) {
                    Set<String> members = new TreeSet<>();
                    redis.sendAndAwait(Request.cmd(Command.ZRANGE).arg(key.toString()).arg(0).arg(-1))
                            .forEach(member -> members.add(member.toString()));
                    sets.put(matcher.group(1), members);
                }
            }
        } while (!cursor.equals("0"));
        return sets;
    }
}
