package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The development overlay with components/avro: every manifest still reads strictly, the registry
 * keeps its schemas in PostgreSQL and is probed, every connector writes through the registry in the
 * format the services read (the local Avro connector's converter settings), and every service is
 * told to read Avro from that same registry, and may reach it.
 */
class AvroComponentTest {

    private static final String AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";
    private final Rendered rendered = Rendered.of("dev-avro");

    @Test
    void everyManifestReadsStrictly() {
        List<String> problems = new ArrayList<>();
        rendered.manifests().forEach(manifest -> CrdValidator.check(manifest, problems));
        assertThat(problems).isEmpty();
    }

    @Test
    void theRegistryKeepsItsSchemasInPostgresqlAndIsProbed() {
        Deployment registry = rendered.typed(rendered.get("Deployment", "schema-registry"), Deployment.class);
        Container container = registry.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(container.getImage()).startsWith("quay.io/apicurio/apicurio-registry:3.");
        assertThat(env.get("APICURIO_STORAGE_KIND").getValue()).isEqualTo("sql");
        assertThat(env.get("APICURIO_STORAGE_SQL_KIND").getValue()).isEqualTo("postgresql");
        for (String name : List.of("APICURIO_DATASOURCE_URL", "APICURIO_DATASOURCE_USERNAME", "APICURIO_DATASOURCE_PASSWORD")) {
            var secret = env.get(name).getValueFrom().getSecretKeyRef();
            assertThat(rendered.secretKeys(secret.getName())).as(name).hasValueSatisfying(keys ->
                    assertThat(keys).contains(secret.getKey()));
        }
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(registry.getSpec().getReplicas()).isGreaterThan(1);
    }

    @Test
    void everyConnectorWritesThroughTheRegistryAsTheLocalAvroConnectorDoes() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> local = Manifests.JSON.readValue(Rendered.MODULE.resolveSibling("dev")
                .resolve("connectors/avro/users-postgres-avro.json").toFile(), Map.class);
        URI api = registryApi("/apis/registry/v2");
        for (Map<String, Object> connector : rendered.ofKind("KafkaConnector").toList()) {
            Map<String, Object> config = Manifests.map(Manifests.map(connector.get("spec")).get("config"));
            String name = Manifests.name(connector);
            assertThat(config.keySet()).as(name).noneMatch(key -> key.endsWith("schemas.enable")
                    || key.endsWith("replace.null.with.default"));
            local.forEach((key, value) -> {
                if (key.startsWith("key.converter") || key.startsWith("value.converter")) {
                    assertThat(config.get(key)).as(name + " " + key)
                            .isEqualTo(key.endsWith("apicurio.registry.url") ? api.toString() : value);
                }
            });
            assertThat(config.get("value.converter")).isEqualTo(AVRO_CONVERTER);
        }
        List<Map<String, Object>> plugins = Manifests.maps(Manifests.map(Manifests.map(
                rendered.get("KafkaConnect", "cdc").get("spec")).get("build")).get("plugins"));
        assertThat(plugins).extracting(plugin -> plugin.get("name")).contains("debezium-postgres", "debezium-mysql",
                "debezium-mongodb", "apicurio-converter");
    }

    @Test
    void everyServiceReadsAvroFromThatRegistryAndMayReachIt() throws IOException {
        Map<String, String> platform = rendered.configMap("cdc-platform").orElseThrow().getData();
        assertThat(platform).containsEntry("CDC_CONVERTER", "avro")
                .containsEntry("CDC_SCHEMA_REGISTRY_URL", registryApi("/apis/ccompat/v7").toString());
        Properties topics = new Properties();
        try (var in = Files.newInputStream(Rendered.MODULE.resolveSibling("topics")
                .resolve(Path.of("src", "main", "resources", "META-INF", "microprofile-config.properties")))) {
            topics.load(in);
        }
        for (String topic : List.of("shop.public.users", "shop.shop_orders.orders", "shop.shop_orders.order_items",
                "shop.catalog.products")) {
            assertThat(topics.getProperty("cdc.pipeline.topics.\"" + topic + "\".converter")).as(topic)
                    .isEqualTo("${CDC_CONVERTER:json}");
        }
        assertThat(topics.getProperty("cdc.schema-registry.url")).startsWith("${CDC_SCHEMA_REGISTRY_URL:");
        int registryPort = registryService().getSpec().getPorts().get(0).getPort();
        for (String service : ServiceModule.names()) {
            NetworkPolicy policy = rendered.typed(rendered.get("NetworkPolicy", service), NetworkPolicy.class);
            assertThat(policy.getSpec().getEgress()).as(service).anySatisfy(rule -> {
                assertThat(rule.getTo()).anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/name", "schema-registry"));
                assertThat(rule.getPorts()).anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(registryPort));
            });
        }
    }

    /** The registry Service's address within the namespace, with the API's path. */
    private URI registryApi(String path) {
        Service service = registryService();
        return URI.create("http://" + service.getMetadata().getName() + ":" + service.getSpec().getPorts().get(0).getPort()
                + path);
    }

    private Service registryService() {
        return rendered.typed(rendered.get("Service", "schema-registry"), Service.class);
    }
}
