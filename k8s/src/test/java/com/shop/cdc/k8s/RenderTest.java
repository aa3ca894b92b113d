package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Both overlays render, every manifest reads strictly, and the render matches kustomize's own where it exists. */
class RenderTest {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rendersEveryKindTheDeploymentNeeds(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> kinds = rendered.manifests().stream().map(Kustomize::kind).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("Namespace", "ConfigMap", "Secret", "Deployment", "Service",
                "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule", "ScaledObject", "TriggerAuthentication",
                "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "KafkaConnect", "KafkaConnector");
        String namespace = overlay.equals("prod") ? "cdc" : "cdc-" + overlay;
        rendered.manifests().stream().filter(manifest -> !"Namespace".equals(Kustomize.kind(manifest)))
                .forEach(manifest -> assertThat(Kustomize.metadata(manifest).get("namespace"))
                        .as(Kustomize.kind(manifest) + "/" + Kustomize.name(manifest)).isEqualTo(namespace));
        assertThat(rendered.find("Namespace", namespace)).isPresent();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyManifestReadsStrictly(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> manifest : Rendered.of(overlay).manifests()) {
            HasMetadata resource = Strict.resource(manifest, problems);
            if (resource instanceof GenericKubernetesResource) {
                assertThat(CrdSchema.knows(manifest)).as("a schema for " + manifest.get("apiVersion") + " "
                        + Kustomize.kind(manifest)).isTrue();
                CrdSchema.check(manifest, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The Java subset against the real thing; skipped (with a reason) on machines without kubectl. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void matchesKubectlKustomize(String overlay) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: only the Java rendering ran");
        Rendered rendered = Rendered.of(overlay);
        Process process = new ProcessBuilder("kubectl", "kustomize",
                rendered.root().resolve("overlays").resolve(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize exit code").isZero();
        Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Files.writeString(file, output);
        assertThat(asJson(Kustomize.readAll(file))).isEqualTo(asJson(rendered.manifests()));
    }

    /** Order-free, with Secret data decoded: kustomize wraps long base64 values over lines. */
    private static Set<JsonNode> asJson(List<Map<String, Object>> manifests) {
        Set<JsonNode> nodes = new HashSet<>();
        for (Map<String, Object> manifest : manifests) {
            ObjectNode node = Kustomize.JSON.valueToTree(manifest);
            if (node.get("data") instanceof ObjectNode data && "Secret".equals(Kustomize.kind(manifest))) {
                data.properties().forEach(entry -> entry.setValue(TextNode.valueOf(new String(
                        Base64.getMimeDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8))));
            }
            nodes.add(node);
        }
        return nodes;
    }

    private static boolean onPath(String command) throws IOException {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
