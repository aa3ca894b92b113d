package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** KEDA scales each service on the lag of its own consumer group, one trigger per consumed topic. */
class ScalingTest {

    /**
     * Lag one pod is expected to clear in one polling interval (k8s/README.md, "Scaling on lag": the
     * measured per-pod rate of about 5,000 events/s at the pod's CPU request, times 15 s); a service's
     * triggers share it, since the HPA scales on the largest trigger, not the sum.
     */
    static final long LAG_PER_POD_AND_INTERVAL = 75_000;
    /** Below one second of a pod's work the lag is in-flight batches, not a backlog. */
    static final long ACTIVATION_DIVISOR = 15;
    /**
     * Services that run one pod whatever the lag: lake-sink, since two writers of one Iceberg table conflict on
     * every commit (docs/lake.md, "Exactly once"). Every other service scales out.
     */
    static final Set<String> SINGLE_WRITERS = Set.of("lake-sink");

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    static Stream<Arguments> services() {
        return ServiceDeploymentTest.services();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("services")
    void triggersFollowTheConsumerConfiguration(Rendered rendered, String service) {
        Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
        ServiceModule module = ServiceDeploymentTest.module(rendered, deployment);
        Map<String, Object> scaled = rendered.get("ScaledObject", service);
        Map<String, Object> spec = Manifests.map(scaled.get("spec"));
        assertThat(Manifests.map(spec.get("scaleTargetRef")).get("name")).isEqualTo(service);

        List<Map<String, Object>> triggers = Manifests.maps(spec.get("triggers"));
        assertThat(triggers).allSatisfy(trigger -> {
            assertThat(trigger.get("type")).isEqualTo("kafka");
            Map<String, Object> metadata = Manifests.map(trigger.get("metadata"));
            assertThat(metadata.get("consumerGroup")).isEqualTo(module.group());
            assertThat(metadata.get("topic")).as("every trigger names its topic").isNotNull();
            assertThat((String) metadata.get("topic")).doesNotEndWith(".dlq");
            assertThat(metadata.get("bootstrapServers")).as("resolvable from KEDA's namespace")
                    .isEqualTo(bootstrapFromOtherNamespaces(rendered, scaled));
            String authentication = (String) Manifests.map(trigger.get("authenticationRef")).get("name");
            assertThat(rendered.find("TriggerAuthentication", authentication)).isPresent();
        });
        assertThat(triggers).extracting(trigger -> (String) Manifests.map(trigger.get("metadata")).get("topic"))
                .containsExactlyInAnyOrderElementsOf(module.topics());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("services")
    void replicasStayWithinThePartitions(Rendered rendered, String service) {
        Map<String, Object> spec = Manifests.map(rendered.get("ScaledObject", service).get("spec"));
        int min = (Integer) spec.get("minReplicaCount");
        int max = (Integer) spec.get("maxReplicaCount");
        assertThat(min).as("stays warm").isGreaterThanOrEqualTo(1);
        if (SINGLE_WRITERS.contains(service)) {
            assertThat(List.of(min, max)).as("one writer of its tables").containsOnly(1);
        } else {
            assertThat(max).as("scales out").isGreaterThan(min);
        }
        for (Map<String, Object> trigger : Manifests.maps(spec.get("triggers"))) {
            String topic = (String) Manifests.map(trigger.get("metadata")).get("topic");
            assertThat(max).as("maxReplicaCount against the partitions of " + topic)
                    .isLessThanOrEqualTo(KafkaResourcesTest.partitions(rendered, topic));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("services")
    void thresholdsFollowTheDerivation(Rendered rendered, String service) {
        List<Map<String, Object>> triggers = Manifests.maps(Manifests.map(rendered.get("ScaledObject", service)
                .get("spec")).get("triggers"));
        for (Map<String, Object> trigger : triggers) {
            Map<String, Object> metadata = Manifests.map(trigger.get("metadata"));
            long lag = Long.parseLong((String) metadata.get("lagThreshold"));
            long activation = Long.parseLong((String) metadata.get("activationLagThreshold"));
            assertThat(lag * triggers.size()).isEqualTo(LAG_PER_POD_AND_INTERVAL);
            assertThat(activation).isEqualTo(lag / ACTIVATION_DIVISOR);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kedaAuthenticatesOverSaslSsl(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> spec = Manifests.map(rendered.get("TriggerAuthentication", "cdc-kafka").get("spec"));
        Map<String, Map<String, Object>> byParameter = Manifests.maps(spec.get("secretTargetRef")).stream()
                .collect(Collectors.toMap(reference -> (String) reference.get("parameter"), reference -> reference));
        assertThat(byParameter).containsOnlyKeys("sasl", "tls", "username", "password", "ca");
        byParameter.values().forEach(reference -> assertThat(rendered.secretKeys((String) reference.get("name")))
                .as("Secret " + reference.get("name")).hasValueSatisfying(keys -> assertThat(keys)
                        .contains((String) reference.get("key"))));
        Map<String, String> literals = rendered.typed(rendered.get("Secret", "keda-kafka"), Secret.class).getData();
        assertThat(decode(literals.get("sasl"))).isEqualTo("scram_sha512");
        assertThat(decode(literals.get("tls"))).isEqualTo("enable");
        assertThat(rendered.find("KafkaUser", decode(literals.get("username")))).as("KEDA's KafkaUser").isPresent();
        assertThat(byParameter.get("password").get("name")).isEqualTo(decode(literals.get("username")));
    }

    /**
     * The bootstrap address the pods use (Service name and port, from cdc-platform) as another namespace
     * must write it: the Service's full name in the ScaledObject's namespace.
     */
    private static String bootstrapFromOtherNamespaces(Rendered rendered, Map<String, Object> scaled) {
        String[] local = rendered.configMap("cdc-platform").orElseThrow().getData().get("KAFKA_BOOTSTRAP_SERVERS")
                .split(":");
        return local[0] + "." + Manifests.metadata(scaled).get("namespace") + ".svc.cluster.local:" + local[1];
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
