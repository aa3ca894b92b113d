package com.shop.cdc.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outages of any length while changes flow: a feed sends users changes (new users and updates) at
 * {@value #RATE} a second for the whole test, and one after the other Redis is killed, Redis hangs
 * (SIGSTOP), PostgreSQL — warehouse and dead-letter ledger — is stopped at once, PostgreSQL hangs,
 * and the local stack's Kafka broker is stopped, each for {@link #HOLD} (Redis's hang for
 * {@link #LONG_HOLD}). During each, readiness is DOWN naming what is down and answers within
 * {@link #ANSWER_LIMIT}, liveness stays UP, and the consumer stays in its group; after each,
 * readiness comes back and offsets are committed again without a restart. At the end every user holds, in
 * Redis and in the warehouse, the last change Kafka acknowledged for it, and nothing was
 * dead-lettered.
 *
 * <p>Redis and PostgreSQL are private servers of the test ({@link ChaosServers}), so the machine's
 * own are never touched; Kafka is the stack's, stopped for half a minute: on a stack others use, run
 * this test under {@code flock /tmp/cdc-stack.lock}, as the Elasticsearch outage tests. Each outage
 * outlasts the consumer's {@code session.timeout.ms} (the services' 10 s) and its
 * {@code max.poll.interval.ms}, shortened here to {@value #POLL_INTERVAL_MS} ms; Redis's hang also outlasts the
 * throttled commit's 60 s watchdog (off in the services' configuration, which this test keeps).
 * Shortening the poll interval is legitimate: while a target is down SmallRye's connector pauses the partitions
 * and goes on polling, so the time between two polls is a poll's, not the outage's — were the
 * service to stop polling during a pause, a 20 s limit would show it within each outage, where the
 * default five minutes would hide it.
 *
 * <p>Each fault prints one line — readiness DOWN after the fault began, readiness UP and the first
 * committed offset after the server came back, the slowest readiness answer — for BENCHMARKS.md.
 * The private servers are removed when the service stops, also after a failure
 * ({@link ChaosServers#stop}); {@link #restoreEverything} leaves none of them hung and the broker
 * running whatever happened.
 */
@QuarkusTest
@TestProfile(OutageChaosIT.Chaos.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageChaosIT {

    static final int RATE = 25;
    /** Longer than the consumer's poll interval below and its session timeout. */
    static final Duration HOLD = Duration.ofSeconds(25);
    /**
     * Redis's hang also outlasts the throttled commit's 60 s watchdog, which does not care which target holds a record:
     * one hang that long shows it stays off; PostgreSQL's hang keeps {@link #HOLD}.
     */
    static final Duration LONG_HOLD = Duration.ofSeconds(65);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);
    static final int POLL_INTERVAL_MS = 20_000;
    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);
    private static final Path LOGS = Path.of("target", "chaos");

    /** The users sink on the private servers, with a name, topic and consumer group of its own. */
    public static class Chaos implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.application.name", "users-sink-chaos-it",
                    WarehouseOutageIT.GROUP_PROPERTY, "users-sink-chaos-it-${quarkus.uuid}",
                    "mp.messaging.incoming.changes.max.poll.interval.ms", Integer.toString(POLL_INTERVAL_MS));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ChaosServers.class));
        }
    }

    /** A fault: what it breaks, how, and how it ends. */
    record Fault(String name, List<String> named, Step inject, Step recover, Duration hold, boolean hang,
                 boolean broker) {
    }

    interface Step {
        void run() throws Exception;
    }

    private static final HealthProbe PROBE = new HealthProbe();
    private static final List<String> SUMMARY = Collections.synchronizedList(new ArrayList<>());
    private static SteadyUsersFeed feed;
    private static long firstId;
    private static boolean brokerStopped;

    @Inject
    Redis redis;

    @BeforeAll
    static void startFeed() {
        firstId = 8_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
        feed = new SteadyUsersFeed(topic(), firstId);
        feed.start(RATE);
    }

    @AfterAll
    static void restoreEverything() {
        if (feed != null) {
            feed.close();
        }
        try {
            redis().resume();
        } catch (RuntimeException notHung) {
            // killed or already running: ChaosServers removes it either way
        }
        try {
            postgres().resume();
        } catch (RuntimeException notHung) {
            // stopped or already running: ChaosServers removes it either way
        }
        if (brokerStopped) {
            Commands.run(LOGS.resolve("kafka.log"), Path.of("..", "dev", "stack").toString(), "start", "kafka");
        }
        System.out.println("[chaos] summary, one line per fault:");
        SUMMARY.forEach(line -> System.out.println("[chaos] " + line));
    }

    @Test
    @Order(1)
    void redisRefused() throws Exception {
        PrivateRedis redis = redis();
        endure(new Fault("redis refused (killed)", List.of("redis"), redis::kill, redis::start, HOLD, false, false));
    }

    @Test
    @Order(2)
    void redisHung() throws Exception {
        PrivateRedis redis = redis();
        endure(new Fault("redis hung (SIGSTOP)", List.of("redis"), redis::hang, redis::resume, LONG_HOLD, true, false));
    }

    @Test
    @Order(3)
    void postgresRefused() throws Exception {
        PrivatePostgres postgres = postgres();
        endure(new Fault("postgresql refused (immediate stop)", List.of("warehouse", "ledger"),
                postgres::stopImmediately, postgres::start, HOLD, false, false));
    }

    @Test
    @Order(4)
    void postgresHung() throws Exception {
        PrivatePostgres postgres = postgres();
        endure(new Fault("postgresql hung (SIGSTOP)", List.of("warehouse", "ledger"), postgres::hang, postgres::resume,
                HOLD, true, false));
    }

    @Test
    @Order(5)
    void brokerDown() throws Exception {
        String stack = Path.of("..", "dev", "stack").toString();
        Path log = LOGS.resolve("kafka.log");
        endure(new Fault("kafka broker stopped", List.of("kafka"), () -> {
            brokerStopped = true;
            Commands.run(log, stack, "stop", "kafka");
        }, () -> {
            Commands.run(log, stack, "start", "kafka");
            brokerStopped = false;
        }, HOLD, false, true));
    }

    @Test
    @Order(6)
    void everyUserEndsAsLastSentAndNothingIsDeadLettered() throws Exception {
        feed.stop();
        assertThat(feed.failure()).as("a send Kafka failed").isNull();
        Map<Long, SteadyUsersFeed.User> expected = feed.acknowledged();
        assertThat(expected).hasSizeGreaterThan(100);
        System.out.printf("[chaos] %d changes sent for %d users; draining%n", feed.sent(), expected.size());
        await("the drain").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(OutageChaosIT::drained);

        List<String> differences = new ArrayList<>();
        redisDifferences(expected, differences);
        warehouseDifferences(expected, differences);
        assertThat(differences).as("users whose final state differs from the last change sent").isEmpty();

        try (Connection ledger = DriverManager.getConnection(postgres().jdbcUrl("postgres"));
             PreparedStatement query = ledger.prepareStatement(
                     "SELECT count(*) FROM cdc_dead_letter WHERE source_topic = ?")) {
            query.setString(1, topic());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("dead letters in the ledger").isZero();
            }
        }
        assertThat(recordsIn(topic() + ".dlq")).as("records in the dead-letter topic").isZero();
    }

    /**
     * Breaks a server while changes flow, holds the outage, brings it back, and records how fast the
     * service noticed and recovered. Problems during the outage are collected and asserted after the
     * recovery is measured, so a failed run still tells how long everything took.
     */
    private static void endure(Fault fault) throws Exception {
        await("ready before " + fault.name()).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> PROBE.ready().up());
        long baseline = committedTotal();
        await("offsets committed before " + fault.name()).atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> committedTotal() > baseline);
        long beforeFault = committedTotal();

        Map<String, String> problems = new LinkedHashMap<>(); // the first of each kind
        AtomicReference<Duration> slowest = new AtomicReference<>(Duration.ZERO);
        long committedAtRecovery = beforeFault;
        long faulted = System.nanoTime();
        Duration toDown = null;
        try {
            fault.inject().run();
            long injected = System.nanoTime();
            try {
                await(fault.name() + " named by readiness").atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(250))
                        .until(() -> fault.named().stream().allMatch(timed(slowest)::namesDown));
                toDown = since(faulted);
            } catch (ConditionTimeoutException e) {
                problems.put("not named", "readiness did not name " + fault.named() + " within " + BACK_WITHIN + ": "
                        + PROBE.ready().body());
            }
            String stuck = null;
            while (since(injected).compareTo(fault.hold()) < 0) {
                HealthProbe.Answer ready = timed(slowest);
                if (toDown != null && !fault.named().stream().allMatch(ready::namesDown)) {
                    problems.putIfAbsent("unnamed", "readiness stopped naming " + fault.named() + " during the outage: "
                            + ready.status() + " " + ready.body());
                }
                HealthProbe.Answer live = PROBE.live();
                if (!live.up()) {
                    problems.putIfAbsent("liveness", "liveness " + live.status() + " during the outage: " + live.body());
                }
                if (fault.hang() && stuck == null && since(injected).compareTo(fault.hold().dividedBy(2)) > 0) {
                    stuck = StuckThreads.describe();
                    System.out.println("[chaos] " + fault.name() + ", threads in our code half-way through:\n" + stuck);
                }
                pause(Duration.ofSeconds(1));
            }
            if (!fault.broker()) {
                ConsumerGroupDescription group = group();
                if (group.members().isEmpty()) {
                    problems.put("group", "the consumer left its group during the outage: " + group);
                }
                committedAtRecovery = committedTotal();
            }
        } finally {
            fault.recover().run();
        }
        long recovered = System.nanoTime();
        await(fault.name() + ": ready again").atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> PROBE.ready().up());
        Duration toReady = since(recovered);
        long mark = committedAtRecovery;
        await(fault.name() + ": offsets committed again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> committedTotal() > mark);
        Duration toCommit = since(recovered);
        if (slowest.get().compareTo(ANSWER_LIMIT) > 0) {
            problems.put("slow", "a readiness answer took " + slowest.get().toMillis() + " ms during the outage");
        }
        String line = String.format("%s: readiness DOWN %s after the fault; after recovery readiness UP in %s, "
                        + "offsets committed in %s; slowest readiness answer %d ms; outage held %d s",
                fault.name(), toDown == null ? "never" : seconds(toDown), seconds(toReady), seconds(toCommit),
                slowest.get().toMillis(), fault.hold().toSeconds());
        SUMMARY.add(line);
        System.out.println("[chaos] " + line);
        assertThat(problems.values()).as(fault.name()).isEmpty();
    }

    private static HealthProbe.Answer timed(AtomicReference<Duration> slowest) {
        HealthProbe.Answer answer = PROBE.ready();
        slowest.accumulateAndGet(answer.took(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        return answer;
    }

    /** A fixed wait inside an outage of fixed length, not a wait for a state. */
    private static void pause(Duration length) {
        await().pollDelay(length).atMost(length.plusSeconds(1)).until(() -> true);
    }

    private void redisDifferences(Map<Long, SteadyUsersFeed.User> expected, List<String> differences) throws Exception {
        List<Long> ids = new ArrayList<>(expected.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Request get = Request.cmd(Command.MGET);
            chunk.forEach(id -> get.arg("user:{" + id + "}"));
            Response values = redis.sendAndAwait(get);
            for (int i = 0; i < chunk.size(); i++) {
                SteadyUsersFeed.User want = expected.get(chunk.get(i));
                Response value = values.get(i);
                if (value == null) {
                    differences.add("redis: user " + want.id() + " missing");
                    continue;
                }
                var row = UserChanges.JSON.readTree(value.toString());
                Map<String, Object> got = Map.of("email", row.path("email").asText(), "full_name",
                        row.path("full_name").asText(), "loyalty_points", row.path("loyalty_points").asLong(),
                        "country", row.path("country").asText());
                Map<String, Object> wanted = Map.of("email", want.email(), "full_name", want.fullName(),
                        "loyalty_points", want.loyaltyPoints(), "country", want.country());
                if (!got.equals(wanted)) {
                    differences.add("redis: user " + want.id() + " holds " + got + ", last sent " + wanted);
                }
            }
        }
    }

    /** The warehouse's email is a salted hash and its phone left out: the other fields are compared. */
    private static void warehouseDifferences(Map<Long, SteadyUsersFeed.User> expected, List<String> differences)
            throws Exception {
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        try (Connection warehouse = DriverManager.getConnection(postgres().jdbcUrl(ChaosServers.WAREHOUSE));
             PreparedStatement query = warehouse.prepareStatement("SELECT id, full_name, loyalty_points, country, _deleted"
                     + " FROM users WHERE id >= ?")) {
            query.setLong(1, firstId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.put(row.getLong(1), Map.of("full_name", row.getString(2), "loyalty_points", row.getLong(3),
                            "country", row.getString(4), "_deleted", row.getBoolean(5)));
                }
            }
        }
        expected.values().forEach(want -> {
            Map<String, Object> wanted = Map.of("full_name", want.fullName(), "loyalty_points", want.loyaltyPoints(),
                    "country", want.country(), "_deleted", false);
            Map<String, Object> got = rows.get(want.id());
            if (!wanted.equals(got)) {
                differences.add("warehouse: user " + want.id() + " holds " + got + ", last sent " + wanted);
            }
        });
        if (rows.size() != expected.size()) {
            differences.add("warehouse: " + rows.size() + " users, " + expected.size() + " sent");
        }
    }

    private static String topic() {
        return ConfigProvider.getConfig().getValue(ChaosServers.TOPIC, String.class);
    }

    private static String groupId() {
        return ConfigProvider.getConfig().getValue(WarehouseOutageIT.GROUP_PROPERTY, String.class);
    }

    private static PrivateRedis redis() {
        return new PrivateRedis(ChaosServers.REDIS_PORT,
                Path.of(ConfigProvider.getConfig().getValue(ChaosServers.REDIS_DIR, String.class)));
    }

    private static PrivatePostgres postgres() {
        return new PrivatePostgres(ChaosServers.POSTGRES_PORT,
                Path.of(ConfigProvider.getConfig().getValue(ChaosServers.POSTGRES_DIR, String.class)));
    }

    private static Map<TopicPartition, Long> committed() throws Exception {
        return StackClients.committedOffsets(groupId()).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long committedTotal() throws Exception {
        return committed().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the group has committed every record of the topic. */
    private static boolean drained() throws Exception {
        Map<TopicPartition, Long> committed = committed();
        return offsets(topic(), OffsetSpec.latest()).entrySet().stream()
                .allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private static long recordsIn(String topic) throws Exception {
        try {
            Map<TopicPartition, Long> end = offsets(topic, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(topic, OffsetSpec.earliest());
            return end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // never created: nothing was dead-lettered
            }
            throw e;
        }
    }

    private static Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", StackClients.BOOTSTRAP))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static ConsumerGroupDescription group() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", StackClients.BOOTSTRAP))) {
            return admin.describeConsumerGroups(List.of(groupId())).all().get().get(groupId());
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
