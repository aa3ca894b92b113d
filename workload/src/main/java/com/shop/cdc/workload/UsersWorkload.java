package com.shop.cdc.workload;

import static com.shop.cdc.workload.EdgeValues.mostly;
import static com.shop.cdc.workload.EdgeValues.pick;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives the PostgreSQL users table: inserts, updates, deletes, keys created again after a delete or
 * the truncate, key changes, multi-row transactions, a truncate, and the column added mid-stream.
 * Large random bios are stored out of line (TOAST) and most updates leave them unchanged, so their
 * changes carry the unavailable placeholder; a few hot keys get bursts of such updates mixed with
 * bio rewrites, so one batch holds several changes of one key.
 */
final class UsersWorkload {

    private static final String INSERT = """
            INSERT INTO public.users (id, email, full_name, phone, country, marketing_opt_in, loyalty_points,
                balance, birth_date, created_at, updated_at, preferences, tags, bio)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::timestamptz, now() AT TIME ZONE 'UTC', ?::jsonb, ?::text[], ?)""";
    private static final int HOT_KEYS = 3;
    private static final int BURST = 12;

    private final WorkloadConfig config;
    private final Random random;
    private final LiveKeys live = new LiveKeys();
    /** Deleted or truncated keys, some of which are created again. */
    private final LiveKeys gone = new LiveKeys();
    private final List<Long> hot = new ArrayList<>();
    private final OperationCounts counts = new OperationCounts("users");
    private boolean tierAdded;
    private long nextId;

    UsersWorkload(WorkloadConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    OperationCounts run() throws SQLException {
        try (SourceDatabase db = new SourceDatabase(config.usersJdbcUrl())) {
            nextId = db.maxId("public.users", "id") + 1;
            tierAdded = db.hasColumn("users", AddedColumn.USERS_TIER.column());
            Pacer pacer = new Pacer(config.rate());
            for (int step = 0; step < config.count(); step++) {
                pacer.await();
                if (config.truncate() && step == config.count() / 3) {
                    db.execute("TRUNCATE public.users");
                    live.moveAllTo(gone);
                    hot.clear();
                    counts.add("truncate");
                } else if (config.schemaChange() && step == config.count() * 3 / 5) {
                    AddedColumn.USERS_TIER.addTo(db);
                    tierAdded = true;
                    counts.add("add-column");
                } else {
                    step(db);
                }
            }
        }
        return counts;
    }

    private void step(SourceDatabase db) throws SQLException {
        int dice = random.nextInt(100);
        if (live.isEmpty() || dice < 43) {
            insert(db);
        } else if (dice < 78) {
            update(db, live.pick(random));
        } else if (dice < 80) {
            hotBurst(db);
        } else if (dice < 92) {
            delete(db, live.pick(random));
        } else if (dice < 95) {
            changeKey(db, live.pick(random));
        } else {
            transaction(db);
        }
    }

    private void insert(SourceDatabase db) throws SQLException {
        boolean again = !gone.isEmpty() && random.nextInt(8) == 0;
        long id = again ? gone.take(random) : nextId++;
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
            insert.setString(11, random.nextInt(4) == 0 ? null : preferences());
            insert.setString(12, random.nextInt(4) == 0 ? null : "{vip,\"with space\",NULL}");
            insert.setString(13, bio());
            insert.executeUpdate();
        }
        live.add(id);
        counts.add(again ? "insert-again" : "insert");
    }

    /** Mostly a plain document, one time in three an edge document. */
    private String preferences() {
        return random.nextInt(3) == 0 ? pick(random, EdgeValues.JSON_DOCUMENTS)
                : "{\"lang\":\"fr\",\"sizes\":{\"shoe\":38.5},\"n\":" + random.nextInt(100) + "}";
    }

    /** Out of line (8–12 KB of random text) half the time, else short or NULL. */
    private String bio() {
        int dice = random.nextInt(4);
        return dice < 2 ? EdgeValues.incompressible(random, 8_200 + random.nextInt(4_000))
                : dice == 2 ? "Short bio " + random.nextInt(1000) : null;
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
        int extra = random.nextInt(10);
        if (extra == 0) {
            set(db, id, "preferences = ?::jsonb", preferences());
        } else if (extra == 1) {
            set(db, id, "bio = ?", bio());
        } else if (extra == 2 && tierAdded) {
            // explicit NULL over the default too: a backfill must not overwrite what a change wrote
            set(db, id, "tier = ?", random.nextInt(3) == 0 ? null : pick(random, List.of("gold", "silver")));
        }
    }

    /** One more update of one column, its own change event. */
    private void set(SourceDatabase db, long id, String assignment, String value) throws SQLException {
        try (PreparedStatement update = db.prepare("UPDATE public.users SET " + assignment + " WHERE id = ?")) {
            setNullable(update, 1, value);
            update.setLong(2, id);
            update.executeUpdate();
        }
        counts.add("update-" + assignment.substring(0, assignment.indexOf(' ')));
    }

    /**
     * Back-to-back updates of the hot keys, unpaced so that they share batches: most leave the bio
     * unchanged (placeholder), some rewrite it, so a placeholder must resolve to an earlier change
     * of the same batch as well as to the stored row.
     */
    private void hotBurst(SourceDatabase db) throws SQLException {
        hot.removeIf(id -> !live.contains(id));
        while (hot.size() < HOT_KEYS && !live.isEmpty()) {
            hot.add(live.pick(random));
        }
        for (long id : hot) {
            for (int i = 0; i < BURST; i++) {
                if (i % 4 == 0) {
                    set(db, id, "bio = ?", EdgeValues.incompressible(random, 8_200 + random.nextInt(4_000)));
                } else {
                    try (PreparedStatement update = db.prepare(
                            "UPDATE public.users SET loyalty_points = coalesce(loyalty_points, 0) + 1 WHERE id = ?")) {
                        update.setLong(1, id);
                        update.executeUpdate();
                    }
                }
            }
        }
        counts.add("hot-burst");
    }

    private void delete(SourceDatabase db, long id) throws SQLException {
        try (PreparedStatement delete = db.prepare("DELETE FROM public.users WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
        live.remove(id);
        gone.add(id);
        counts.add("delete");
    }

    /**
     * Debezium turns a primary-key update into delete + tombstone + create. The bio is rewritten with
     * its own value: PostgreSQL would send an out-of-line bio left unchanged as unavailable in the
     * create too, and no target holds a row under the new key to take it from.
     */
    private void changeKey(SourceDatabase db, long id) throws SQLException {
        long newId = nextId++;
        try (PreparedStatement update = db.prepare("UPDATE public.users SET id = ?, bio = bio || '' WHERE id = ?")) {
            update.setLong(1, newId);
            update.setLong(2, id);
            update.executeUpdate();
        }
        live.remove(id);
        live.add(newId);
        gone.add(id);
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
