package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What only lake-sink has: one writer of its Iceberg tables (one pod, never two during a rollout), its lake
 * settings from ConfigMap and Secret cdc-lake, and egress to S3 and the catalog's PostgreSQL.
 */
class LakeSinkDeploymentTest {

    static final String SERVICE = "lake-sink";
    static final String LAKE = "cdc-lake";
    /** The lake's credentials: environment variable → key of Secret cdc-lake. */
    static final Map<String, String> SECRET_VARIABLES = Map.of(
            "CDC_LAKE_CATALOG_USER", "catalog-user",
            "CDC_LAKE_CATALOG_PASSWORD", "catalog-password",
            "CDC_LAKE_S3_ACCESS_KEY", "s3-access-key",
            "CDC_LAKE_S3_SECRET_KEY", "s3-secret-key");
    static final Path SECRET_EXAMPLE = Rendered.MODULE.resolve("overlays/prod/secrets/cdc-lake.env.example");
    /** The lake's settings as docs/lake.md lists them: `s3.region` [us-east-1], … */
    private static final Pattern DOCUMENTED_SETTING = Pattern.compile("`([a-z0-9.-]+)`(?: \\[[^]]*])?[,.]");

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void oneWriterAtEveryMoment(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> scaled = Manifests.map(rendered.get("ScaledObject", SERVICE).get("spec"));
        assertThat(scaled).containsEntry("minReplicaCount", 1).containsEntry("maxReplicaCount", 1);
        // Recreate: the old pod stops before the new one starts; a surge would commit the tables twice.
        DeploymentStrategy strategy = rendered.typed(rendered.get("Deployment", SERVICE), Deployment.class)
                .getSpec().getStrategy();
        assertThat(strategy.getType()).isEqualTo("Recreate");
        assertThat(strategy.getRollingUpdate()).isNull();
        // A drain may take the one pod (its partitions wait in Kafka); a budget of zero would block it.
        PodDisruptionBudget budget = rendered.typed(rendered.get("PodDisruptionBudget", SERVICE), PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getMinAvailable()).isNull();
    }

    /** S3 over HTTPS and PostgreSQL in every overlay, and the ports of the endpoints the overlay names. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void egressReachesTheStoreAndTheCatalog(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> lake = settings(rendered);
        Set<Integer> egress = rendered.typed(rendered.get("NetworkPolicy", SERVICE), NetworkPolicy.class).getSpec()
                .getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
        assertThat(egress).contains(443, 5432, port(URI.create(lake.get("CDC_LAKE_S3_ENDPOINT"))));
        if (lake.get("CDC_LAKE_CATALOG_TYPE").equals("jdbc")) {
            assertThat(lake.get("CDC_LAKE_CATALOG_URI")).startsWith("jdbc:postgresql://");
            assertThat(egress).contains(port(URI.create(lake.get("CDC_LAKE_CATALOG_URI").substring("jdbc:".length()))));
        } else {
            assertThat(egress).contains(port(URI.create(lake.get("CDC_LAKE_CATALOG_URI"))));
        }
        String ledger = rendered.configMap("cdc-platform").orElseThrow().getData().get("CDC_LEDGER_URL");
        assertThat(egress).contains(port(URI.create(ledger)));
    }

    /** The credentials come from Secret cdc-lake, which holds the keys its template names; nothing else is secret. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void credentialsComeFromTheLakeSecret(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        Container container = container(rendered);
        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, variable -> variable));
        SECRET_VARIABLES.forEach((variable, key) -> {
            assertThat(env).as(variable).containsKey(variable);
            var reference = env.get(variable).getValueFrom().getSecretKeyRef();
            assertThat(reference.getName()).as(variable).isEqualTo(LAKE);
            assertThat(reference.getKey()).as(variable).isEqualTo(key);
        });
        Set<String> exampleKeys = Files.readAllLines(SECRET_EXAMPLE).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(exampleKeys).containsExactlyInAnyOrderElementsOf(SECRET_VARIABLES.values());
        assertThat(rendered.secretKeys(LAKE)).as("Secret " + LAKE)
                .hasValueSatisfying(keys -> assertThat(keys).containsExactlyInAnyOrderElementsOf(exampleKeys));
        assertThat(settings(rendered).keySet()).doesNotContainAnyElementsOf(SECRET_VARIABLES.keySet());
    }

    /**
     * Every variable of ConfigMap cdc-lake reaches a setting: the packaged configuration expands it, or it is the
     * environment form of a cdc.lake setting docs/lake.md lists (CDC_LAKE_S3_REGION is cdc.lake.s3.region).
     */
    @Test
    void everyLakeVariableNamesASetting() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher setting = DOCUMENTED_SETTING.matcher(Files.readString(Rendered.MODULE.resolveSibling("docs/lake.md")));
        while (setting.find()) {
            documented.add("CDC_LAKE_" + setting.group(1).replace('.', '_').replace('-', '_').toUpperCase());
        }
        for (String overlay : OVERLAYS) {
            Rendered rendered = Rendered.of(overlay);
            Set<String> expanded = ServiceDeploymentTest.module(rendered,
                    rendered.typed(rendered.get("Deployment", SERVICE), Deployment.class)).environmentReferences();
            assertThat(settings(rendered).keySet()).as(overlay).allSatisfy(variable ->
                    assertThat(expanded.contains(variable) || documented.contains(variable)).as(variable).isTrue());
        }
    }

    /** Production writes S3 itself over HTTPS, addressing buckets by host, and reaches its catalog over TLS. */
    @Test
    void productionWritesS3OverHttps() {
        Rendered prod = Rendered.of("prod");
        Map<String, String> lake = settings(prod);
        assertThat(URI.create(lake.get("CDC_LAKE_S3_ENDPOINT")).getScheme()).isEqualTo("https");
        assertThat(lake.get("CDC_LAKE_S3_ENDPOINT")).contains(lake.get("CDC_LAKE_S3_REGION"));
        assertThat(lake).containsEntry("CDC_LAKE_S3_PATH_STYLE_ACCESS", "false");
        assertThat(lake.get("CDC_LAKE_WAREHOUSE")).startsWith("s3://");
        assertThat(lake.get("CDC_LAKE_CATALOG_URI")).contains("sslmode=require");
        assertThat(container(prod).getImage()).endsWith(":0.1.0-jvm");
    }

    /** ConfigMap cdc-lake as the container reads it (after cdc-platform, which it may not contradict). */
    private static Map<String, String> settings(Rendered rendered) {
        List<String> maps = container(rendered).getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .map(reference -> reference.getName()).toList();
        assertThat(maps).contains("cdc-platform", LAKE);
        Map<String, String> lake = new HashMap<>(rendered.configMap(LAKE).orElseThrow().getData());
        assertThat(lake.keySet()).allSatisfy(variable -> assertThat(variable).startsWith("CDC_LAKE_"));
        return lake;
    }

    private static Container container(Rendered rendered) {
        return ServiceDeploymentTest.single(rendered.typed(rendered.get("Deployment", SERVICE), Deployment.class));
    }

    /** The URI's port, or its scheme's (https 443, http 80). */
    private static int port(URI uri) {
        return Optional.of(uri.getPort()).filter(port -> port > 0)
                .orElseGet(() -> uri.getScheme().equals("https") ? 443 : 80);
    }
}
