package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Production's credentials and TLS against what the services read: Snowflake's key where the JDBC URL
 * names it, the Redis Cluster with its password and CA, Elasticsearch over HTTPS with its user; and
 * development without any of them.
 */
class ProductionCredentialsTest {

    private static final Path WAREHOUSE_EXAMPLE = Rendered.MODULE.resolve("overlays/prod/secrets/cdc-warehouse.env.example");
    private static final Pattern KEY_FILE = Pattern.compile("[?&]private_key_file=([^&\\s]+)");

    @Test
    void everyDomainSinkMountsTheSnowflakeKeyWhereTheUrlNamesIt() throws IOException {
        Rendered prod = Rendered.of("prod");
        String url = Files.readAllLines(WAREHOUSE_EXAMPLE).stream().filter(line -> line.contains("jdbc:snowflake:"))
                .findFirst().orElseThrow(() -> new AssertionError("no Snowflake URL in " + WAREHOUSE_EXAMPLE));
        assertThat(url).contains("authenticator=SNOWFLAKE_JWT", "JDBC_QUERY_RESULT_FORMAT=JSON")
                .doesNotContain("password=");
        Matcher keyFile = KEY_FILE.matcher(url);
        assertThat(keyFile.find()).as("private_key_file in " + url).isTrue();
        assertThat(prod.configMap("cdc-platform").orElseThrow().getData()).containsEntry("CDC_WAREHOUSE_DIALECT", "snowflake");

        for (Deployment deployment : prod.deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = ServiceDeploymentTest.single(deployment);
            if (writesWarehouse(prod, deployment)) {
                ServiceDeploymentTest.assertMountedFile(prod, pod, container, keyFile.group(1));
                Volume key = volumeOf(pod, "cdc-snowflake-key").orElseThrow();
                assertThat(key.getSecret().getItems()).allSatisfy(item ->
                        assertThat(item.getMode() & 0007).as("the key is not world-readable").isZero());
                // Mounted files belong to root and the pod's group: the container's user reads through its group.
                assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(pod.getSecurityContext().getRunAsGroup());
                assertThat(env(container, "CDC_WAREHOUSE_JDBC_URL").getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("cdc-warehouse");
            } else {
                assertThat(volumeOf(pod, "cdc-snowflake-key")).as(deployment.getMetadata().getName()).isEmpty();
            }
        }
    }

    @Test
    void domainSinksUseTheRedisClusterOverTlsWithItsPassword() {
        Rendered prod = Rendered.of("prod");
        List<URI> nodes = Arrays.stream(prod.configMap("cdc-platform").orElseThrow().getData().get("REDIS_URL").split(","))
                .map(String::trim).map(URI::create).toList();
        assertThat(nodes).hasSize(6).allSatisfy(node -> assertThat(node.getScheme()).isEqualTo("rediss"));
        for (Deployment deployment : prod.deployments()) {
            Container container = ServiceDeploymentTest.single(deployment);
            String name = deployment.getMetadata().getName();
            if (!ServiceDeploymentTest.module(prod, deployment).properties().containsKey("quarkus.redis.hosts")) {
                assertThat(container.getEnv()).extracting(EnvVar::getName).as(name)
                        .noneMatch(variable -> variable.startsWith("QUARKUS_REDIS_"));
                continue;
            }
            assertThat(env(container, "QUARKUS_REDIS_CLIENT_TYPE").getValue()).isEqualTo("cluster");
            assertThat(env(container, "QUARKUS_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("cdc-redis");
            String tls = env(container, "QUARKUS_REDIS_TLS_CONFIGURATION_NAME").getValue();
            // The registry's named configuration in its environment form: QUARKUS_TLS__<name>__...
            String ca = env(container, "QUARKUS_TLS__" + tls.toUpperCase() + "__TRUST_STORE_PEM_CERTS").getValue();
            ServiceDeploymentTest.assertMountedFile(prod, deployment.getSpec().getTemplate().getSpec(), container, ca);
            assertThat(env(container, "QUARKUS_TLS__" + tls.toUpperCase() + "__HOSTNAME_VERIFICATION_ALGORITHM").getValue())
                    .isEqualTo("HTTPS");
            assertThat(egressPorts(prod, name)).as(name + " egress")
                    .containsAll(nodes.stream().map(URI::getPort).toList());
        }
    }

    @Test
    void searchIndexerWritesElasticsearchOverHttpsWithItsUser() {
        Rendered prod = Rendered.of("prod");
        for (Deployment deployment : prod.deployments()) {
            if (!ServiceDeploymentTest.module(prod, deployment).properties().containsKey("quarkus.elasticsearch.hosts")) {
                continue;
            }
            Container container = ServiceDeploymentTest.single(deployment);
            assertThat(env(container, "QUARKUS_ELASTICSEARCH_PROTOCOL").getValue()).isEqualTo("https");
            for (String variable : List.of("QUARKUS_ELASTICSEARCH_USERNAME", "QUARKUS_ELASTICSEARCH_PASSWORD")) {
                assertThat(env(container, variable).getValueFrom().getSecretKeyRef().getName()).isEqualTo("cdc-elasticsearch");
            }
            String hosts = prod.configMap("cdc-platform").orElseThrow().getData().get("ELASTICSEARCH_HOSTS");
            assertThat(egressPorts(prod, deployment.getMetadata().getName()))
                    .contains(Integer.parseInt(hosts.substring(hosts.lastIndexOf(':') + 1)));
        }
    }

    /** Development keeps the local stack's shape: a single plain Redis, no Snowflake, no store credentials. */
    @Test
    void developmentRunsWithoutTheProductionCredentials() {
        Rendered dev = Rendered.of("dev");
        assertThat(dev.configMap("cdc-platform").orElseThrow().getData().get("CDC_WAREHOUSE_DIALECT")).isNotEqualTo("snowflake");
        assertThat(dev.configMap("cdc-platform").orElseThrow().getData().get("REDIS_URL")).startsWith("redis://").doesNotContain(",");
        for (String secret : List.of("cdc-snowflake-key", "cdc-redis", "cdc-elasticsearch")) {
            assertThat(dev.find("Secret", secret)).as(secret).isEmpty();
        }
        for (Deployment deployment : dev.deployments()) {
            assertThat(ServiceDeploymentTest.single(deployment).getEnv()).extracting(EnvVar::getName)
                    .noneMatch(variable -> variable.startsWith("QUARKUS_REDIS_") || variable.startsWith("QUARKUS_ELASTICSEARCH_"));
        }
    }

    private static boolean writesWarehouse(Rendered rendered, Deployment deployment) {
        return ServiceDeploymentTest.module(rendered, deployment).properties().containsKey("cdc.warehouse.jdbc-url");
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + ": no " + name));
    }

    private static Optional<Volume> volumeOf(PodSpec pod, String secret) {
        return pod.getVolumes().stream()
                .filter(volume -> volume.getSecret() != null && secret.equals(volume.getSecret().getSecretName())).findFirst();
    }

    private static List<Integer> egressPorts(Rendered rendered, String service) {
        return rendered.typed(rendered.get("NetworkPolicy", service), NetworkPolicy.class).getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream()).map(port -> port.getPort().getIntVal()).toList();
    }
}
