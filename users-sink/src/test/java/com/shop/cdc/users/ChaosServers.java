package com.shop.cdc.users;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.postgresql.Driver;

/**
 * The servers {@link OutageChaosIT} may break, started before the service and removed after it
 * stops: a private Redis (port {@value #REDIS_PORT}) and a private PostgreSQL (port
 * {@value #POSTGRES_PORT}) holding both the warehouse (database {@value #WAREHOUSE}) and the
 * dead-letter ledger, and a topic of the run's own on the local stack's Kafka. The service is pointed
 * at them here; the test finds them again through the same configuration.
 */
public class ChaosServers implements QuarkusTestResourceLifecycleManager {

    static final int REDIS_PORT = 6391;
    static final int POSTGRES_PORT = 5442;
    static final String WAREHOUSE = "warehouse";
    static final String REDIS_DIR = "cdc.chaos.redis-dir";
    static final String POSTGRES_DIR = "cdc.chaos.postgres-dir";
    static final String TOPIC = "mp.messaging.incoming.changes.topics";

    private PrivateRedis redis;
    private PrivatePostgres postgres;
    private String topic;

    @Override
    public Map<String, String> start() {
        try {
            Path redisDir = TempDirs.create("cdc-chaos-redis");
            redis = new PrivateRedis(REDIS_PORT, redisDir);
            redis.start();
            Path postgresDir = TempDirs.create("cdc-chaos-postgres");
            postgres = new PrivatePostgres(POSTGRES_PORT, postgresDir);
            postgres.init();
            postgres.start();
            // the driver itself, not DriverManager: a test resource starts under a class loader that
            // DriverManager does not search once an earlier test has run
            try (Connection admin = new Driver().connect(postgres.jdbcUrl("postgres"), new Properties());
                 Statement sql = admin.createStatement()) {
                sql.execute("CREATE DATABASE " + WAREHOUSE);
            }
            topic = "it.chaos.users." + System.currentTimeMillis();
            StackClients.ensureTopic(topic, 3);
            Map<String, String> config = new HashMap<>();
            config.put(REDIS_DIR, redisDir.toString());
            config.put(POSTGRES_DIR, postgresDir.toString());
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS_PORT);
            config.put("cdc.warehouse.dialect", "postgresql");
            config.put("cdc.warehouse.jdbc-url", postgres.jdbcUrl(WAREHOUSE));
            config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + POSTGRES_PORT + "/postgres");
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "postgres");
            config.put(TOPIC, topic);
            config.put("cdc.pipeline.topics.\"" + topic + "\".transforms", "email:email,phone:phone");
            config.put("cdc.pipeline.topics.\"" + topic + "\".rules", "required:email,email:email");
            return config;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (SQLException | InterruptedException | RuntimeException e) {
            stop();
            throw new IllegalStateException("the private servers did not start", e);
        }
    }

    /** Runs once the service has stopped, also after a failed test: nothing of the run is left behind. */
    @Override
    public void stop() {
        try {
            if (redis != null) {
                redis.destroy();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                if (postgres != null) {
                    postgres.destroy();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTopics();
            }
        }
    }

    private void deleteTopics() {
        if (topic == null) {
            return;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", StackClients.BOOTSTRAP))) {
            for (var deleted : admin.deleteTopics(List.of(topic, topic + ".dlq")).topicNameValues().values()) {
                try {
                    deleted.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException absent) {
                    // no dead-letter topic is the expected case; a leftover topic harms no other test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
