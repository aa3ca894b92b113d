package com.shop.cdc.console.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.console.ConsoleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAdminSettingsTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"console\" password=\"secret\";";

    record Settings(String bootstrapServers, SecurityProtocol securityProtocol, Optional<String> saslMechanism,
            Optional<String> saslJaasConfig, Optional<String> sslTruststoreType,
            Optional<String> sslTruststoreLocation) implements ConsoleConfig.Kafka {

        static Settings local() {
            return new Settings("127.0.0.1:9092", SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        Settings sasl(SecurityProtocol protocol, String mechanism, String jaas) {
            return new Settings(bootstrapServers, protocol, Optional.ofNullable(mechanism), Optional.ofNullable(jaas),
                    sslTruststoreType, sslTruststoreLocation);
        }

        Settings truststore(String type, Path location) {
            return new Settings(bootstrapServers, securityProtocol, saslMechanism, saslJaasConfig, Optional.of(type),
                    Optional.of(location.toString()));
        }
    }

    @Test
    void locallyOnlyTheAddressInClear() {
        Properties properties = KafkaAdminSettings.of(Settings.local(), Duration.ofSeconds(5));
        assertThat(properties).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "PLAINTEXT").containsEntry("request.timeout.ms", 5000)
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location");
    }

    @Test
    void theClustersSaslSslSettingsReachTheClient(@TempDir Path folder) throws IOException {
        Path ca = Files.writeString(folder.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        Properties properties = KafkaAdminSettings.of(Settings.local().sasl(SecurityProtocol.SASL_SSL, "SCRAM-SHA-512", JAAS)
                .truststore("PEM", ca), Duration.ofSeconds(5));
        assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString());
    }

    /** Kafka accepts what the settings give it: the client is made (it connects only when asked something). */
    @Test
    void kafkaTakesTheSaslSettings() {
        Properties properties = KafkaAdminSettings.of(Settings.local().sasl(SecurityProtocol.SASL_PLAINTEXT,
                "SCRAM-SHA-512", JAAS), Duration.ofSeconds(1));
        assertThatCode(() -> Admin.create(properties).close()).doesNotThrowAnyException();
    }

    @Test
    void saslWithoutCredentialsFailsNamingTheProperty() {
        assertThatThrownBy(() -> KafkaAdminSettings.of(Settings.local().sasl(SecurityProtocol.SASL_SSL,
                "SCRAM-SHA-512", " "), Duration.ofSeconds(5)))
                .hasMessage("console.kafka.sasl-jaas-config must be set when console.kafka.security-protocol is SASL_SSL");
        assertThatThrownBy(() -> KafkaAdminSettings.of(Settings.local().sasl(SecurityProtocol.SASL_PLAINTEXT, null, JAAS),
                Duration.ofSeconds(5)))
                .hasMessage("console.kafka.sasl-mechanism must be set when console.kafka.security-protocol is SASL_PLAINTEXT");
    }

    @Test
    void aMissingTruststoreFailsNamingTheProperty(@TempDir Path folder) {
        Path missing = folder.resolve("ca.crt");
        assertThatThrownBy(() -> KafkaAdminSettings.of(Settings.local().truststore("PEM", missing), Duration.ofSeconds(5)))
                .hasMessage("console.kafka.ssl-truststore-location: no readable file at " + missing);
    }
}
