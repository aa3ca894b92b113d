package com.shop.cdc.console.lag;

import com.shop.cdc.console.ConsoleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The admin client's properties from {@code console.kafka.*}. Settings that cannot work together fail the start
 * naming the property, rather than showing Kafka as unreachable on every page.
 */
final class KafkaAdminSettings {

    private static final String PREFIX = "console.kafka.";

    private KafkaAdminSettings() {
    }

    static Properties of(ConsoleConfig.Kafka kafka, Duration timeout) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "cdc-console");
        SecurityProtocol protocol = kafka.securityProtocol();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        if (protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT) {
            properties.put(SaslConfigs.SASL_MECHANISM, required(kafka.saslMechanism(), "sasl-mechanism", protocol));
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, required(kafka.saslJaasConfig(), "sasl-jaas-config", protocol));
        }
        kafka.sslTruststoreType().ifPresent(type -> properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, type));
        kafka.sslTruststoreLocation().ifPresent(location -> {
            if (!Files.isReadable(Path.of(location))) {
                throw new IllegalStateException(PREFIX + "ssl-truststore-location: no readable file at " + location);
            }
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, location);
        });
        return properties;
    }

    private static String required(Optional<String> value, String property, SecurityProtocol protocol) {
        return value.filter(text -> !text.isBlank()).orElseThrow(() -> new IllegalStateException(
                PREFIX + property + " must be set when " + PREFIX + "security-protocol is " + protocol.name));
    }
}
