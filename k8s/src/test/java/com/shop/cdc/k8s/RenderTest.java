package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Both overlays render with kubectl kustomize, and the API server would accept every manifest as it is. */
class RenderTest {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rendersEveryKindTheDeploymentNeeds(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> kinds = rendered.manifests().stream().map(Manifests::kind).collect(Collectors.toSet());
        List<String> expected = new ArrayList<>(List.of("Namespace", "ConfigMap", "Secret", "Deployment", "Service",
                "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PodMonitor", "PrometheusRule", "ScaledObject",
                "TriggerAuthentication",
                "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "KafkaConnect", "KafkaConnector"));
        if (overlay.equals("prod")) {
            expected.add("Ingress"); // the console's
        }
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(expected);
        String namespace = overlay.equals("prod") ? "cdc" : "cdc-" + overlay;
        rendered.manifests().stream().filter(manifest -> !"Namespace".equals(Manifests.kind(manifest)))
                .forEach(manifest -> assertThat(Manifests.metadata(manifest).get("namespace"))
                        .as(Manifests.kind(manifest) + "/" + Manifests.name(manifest)).isEqualTo(namespace));
        assertThat(rendered.find("Namespace", namespace)).isPresent();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyManifestReadsStrictly(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> manifest : Rendered.of(overlay).manifests()) {
            CrdValidator.check(manifest, problems);
        }
        assertThat(problems).isEmpty();
    }
}
