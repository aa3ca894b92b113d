package com.shop.cdc.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/** The console's settings (docs/console.md, "Configuration"). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** The account created at first start when no user of that name exists. */
    Admin admin();

    /** The services the console watches, by name: orders-sink, users-sink, ... */
    Map<String, Service> services();

    /** The password of the services' {@code console} account (their CDC_CONSOLE_PASSWORD). */
    String servicePassword();

    /** How long a call to a service, Kafka or Connect may take before the page shows it as unreachable. */
    @WithDefault("5s")
    Duration timeout();

    /** How long a reconciliation run may take: it replays the service's source topics. Runs go on in the background. */
    @WithDefault("10m")
    Duration reconciliationTimeout();

    /** How many dead letters one replay of a selection or of a filtered set replays at most. */
    @WithDefault("1000")
    int replayLimit();

    /** How often the overview's charts read each service's group offsets (lag, records per second). */
    @WithDefault("30s")
    Duration lagSampleInterval();

    /** Total lag of a service's group above which the overview calls it lagging. */
    @WithDefault("1000")
    long lagThreshold();

    Connect connect();

    Kafka kafka();

    interface Admin {
        @WithDefault("admin")
        String user();

        Optional<String> password();
    }

    interface Service {
        /** Where its API answers, e.g. http://127.0.0.1:8091. */
        URI url();

        /** Its consumer group; the service's name when unset. */
        Optional<String> group();
    }

    interface Connect {
        @WithDefault("http://127.0.0.1:8083")
        URI url();
    }

    /** Kafka's admin client, for the lag: locally in clear, in the cluster as the services connect (SASL_SSL). */
    interface Kafka {
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        @WithDefault("PLAINTEXT")
        SecurityProtocol securityProtocol();

        /** Required with a SASL protocol: SCRAM-SHA-512 against the cluster's listener. */
        Optional<String> saslMechanism();

        /** Required with a SASL protocol: the console's KafkaUser's {@code sasl.jaas.config}. */
        Optional<String> saslJaasConfig();

        /** PEM for the cluster CA's certificate as Strimzi stores it; the JVM's default store when unset. */
        Optional<String> sslTruststoreType();

        Optional<String> sslTruststoreLocation();
    }
}
