package com.shop.cdc.workload;

import static com.shop.cdc.workload.EdgeValues.mostly;
import static com.shop.cdc.workload.EdgeValues.pick;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Random;

/** Drives the PostgreSQL users table: inserts, updates, deletes, key changes, multi-row transactions, a truncate. */
final class UsersWorkload {

    private static final String INSERT = """
            INSERT INTO public.users (id, email, full_name, phone, country, marketing_opt_in, loyalty_points,
                balance, birth_date, created_at, updated_at, preferences, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::timestamptz, now() AT TIME ZONE 'UTC', ?::jsonb, ?::text[])""";

    private final WorkloadConfig config;
    private final Random random;
    private final LiveKeys live = new LiveKeys();
    private final OperationCounts counts = new OperationCounts("users");
    private long nextId;

    UsersWorkload(WorkloadConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    OperationCounts run() throws SQLException {
        try (SourceDatabase db = new SourceDatabase(config.usersJdbcUrl())) {
            nextId = db.maxId("public.users", "id") + 1;
            Pacer pacer = new Pacer(config.rate());
            for (int step = 0; step < config.count(); step++) {
                pacer.await();
                if (config.truncate() && step == config.count() / 3) {
                    db.execute("TRUNCATE public.users");
                    live.clear();
                    counts.add("truncate");
                } else {
                    step(db);
                }
            }
        }
        return counts;
    }

    private void step(SourceDatabase db) throws SQLException {
        int dice = random.nextInt(100);
        if (live.isEmpty() || dice < 45) {
            insert(db);
        } else if (dice < 80) {
            update(db, live.pick(random));
        } else if (dice < 92) {
            delete(db, live.pick(random));
        } else if (dice < 95) {
            changeKey(db, live.pick(random));
        } else {
            transaction(db);
        }
    }

    private void insert(SourceDatabase db) throws SQLException {
        long id = nextId++;
        try (PreparedStatement insert = db.prepare(INSERT)) {
            insert.setLong(1, id);
            insert.setString(2, (random.nextInt(20) == 0 ? "  User" : "user") + id + "@Example.com");
            insert.setString(3, mostly(random, "User " + id, EdgeValues.NAMES, 4));
            setNullable(insert, 4, random.nextInt(5) == 0 ? null : pick(random, EdgeValues.PHONES));
            insert.setString(5, pick(random, EdgeValues.COUNTRIES));
            insert.setBoolean(6, random.nextBoolean());
            if (random.nextInt(6) == 0) {
                insert.setNull(7, Types.INTEGER); // explicit NULL over a column DEFAULT
            } else {
                insert.setInt(7, random.nextInt(10_000));
            }
            insert.setBigDecimal(8, mostly(random, BigDecimal.valueOf(random.nextInt(1_000_000), 2),
                    EdgeValues.USER_BALANCES, 5));
            insert.setString(9, mostly(random, "1985-03-0" + (1 + random.nextInt(9)), EdgeValues.BIRTH_DATES, 5));
            insert.setString(10, mostly(random, "2024-02-01 10:00:00+00", EdgeValues.CREATED_AT, 8));
            insert.setString(11, random.nextInt(4) == 0 ? null
                    : "{\"lang\":\"fr\",\"sizes\":{\"shoe\":38.5},\"n\":" + random.nextInt(100) + "}");
            insert.setString(12, random.nextInt(4) == 0 ? null : "{vip,\"with space\",NULL}");
            insert.executeUpdate();
        }
        live.add(id);
        counts.add("insert");
    }

    private void update(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement update = db.prepare("""
                UPDATE public.users SET loyalty_points = ?, balance = ?, full_name = ?,
                    updated_at = now() AT TIME ZONE 'UTC' WHERE id = ?""")) {
            update.setInt(1, random.nextInt(100_000));
            update.setBigDecimal(2, mostly(random, BigDecimal.valueOf(random.nextInt(100_000), 2),
                    EdgeValues.USER_BALANCES, 6));
            update.setString(3, random.nextInt(40) == 0 ? EdgeValues.LARGE_TEXT : "User " + id + " v" + random.nextInt(9));
            update.setLong(4, id);
            update.executeUpdate();
        }
        counts.add("update");
    }

    private void delete(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement delete = db.prepare("DELETE FROM public.users WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        live.remove(id);
        counts.add("delete");
    }

    /** Debezium turns a primary-key update into delete + tombstone + create. */
    private void changeKey(SourceDatabase db, long id) throws SQLException {
        long newId = nextId++;
        try (PreparedStatement update = db.prepare("UPDATE public.users SET id = ? WHERE id = ?")) {
            update.setLong(1, newId);
            update.setLong(2, id);
            update.executeUpdate();
        }
        live.remove(id);
        live.add(newId);
        counts.add("key-change");
    }

    private void transaction(SourceDatabase db) throws SQLException {
        db.inTransaction(() -> {
            insert(db);
            insert(db);
            update(db, live.pick(random));
        });
        counts.add("transaction");
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

}
