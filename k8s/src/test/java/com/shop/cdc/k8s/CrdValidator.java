package com.shop.cdc.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks a rendered manifest as the API server would accept it: a custom resource against the
 * {@code openAPIV3Schema} of its CRD (src/test/resources/crds, the operators' own files) for the
 * version its {@code apiVersion} names, which the CRD must serve; a built-in kind strictly with the
 * fabric8 model ({@link Strict}). A custom resource whose CRD is not among the files is an error.
 */
final class CrdValidator {

    /** CRDs by group and kind, e.g. {@code kafka.strimzi.io/Kafka}. */
    private static final Map<String, Map<String, Object>> CRDS = load();

    private CrdValidator() {
    }

    static void check(Map<String, Object> manifest, List<String> problems) {
        String where = Manifests.kind(manifest) + "/" + Manifests.name(manifest);
        String apiVersion = String.valueOf(manifest.get("apiVersion"));
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        Map<String, Object> crd = CRDS.get(group + "/" + Manifests.kind(manifest));
        if (crd == null) {
            if (Strict.resource(manifest, problems) instanceof GenericKubernetesResource) {
                problems.add(where + ": no CRD for " + apiVersion + " " + Manifests.kind(manifest));
            }
            return;
        }
        String version = apiVersion.substring(slash + 1);
        List<Map<String, Object>> versions = Manifests.maps(Manifests.map(crd.get("spec")).get("versions"));
        Map<String, Object> served = versions.stream()
                .filter(candidate -> version.equals(candidate.get("name")) && Boolean.TRUE.equals(candidate.get("served")))
                .findFirst().orElse(null);
        if (served == null) {
            problems.add(where + ": " + apiVersion + " is not served by " + Manifests.name(crd) + " (served: "
                    + versions.stream().filter(v -> Boolean.TRUE.equals(v.get("served"))).map(v -> v.get("name")).toList()
                    + ")");
            return;
        }
        // The API server validates metadata itself (ObjectMeta); the CRD's schema only says "object".
        Strict.typed(Manifests.metadata(manifest), ObjectMeta.class, where + " metadata", problems);
        Map<String, Object> body = new LinkedHashMap<>(manifest);
        body.remove("metadata");
        Map<String, Object> schema = Manifests.map(Manifests.map(served.get("schema")).get("openAPIV3Schema"));
        OpenApiSchema.validate(body, schema, where, problems);
    }

    private static Map<String, Map<String, Object>> load() {
        try (Stream<Path> files = Files.list(Path.of(CrdValidator.class.getResource("/crds").toURI()))) {
            Map<String, Map<String, Object>> crds = new HashMap<>();
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                for (Map<String, Object> crd : Manifests.readAll(Files.readString(file))) {
                    Map<String, Object> spec = Manifests.map(crd.get("spec"));
                    crds.put(spec.get("group") + "/" + Manifests.map(spec.get("names")).get("kind"), crd);
                }
            }
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
