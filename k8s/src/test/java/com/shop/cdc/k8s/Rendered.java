package com.shop.cdc.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One overlay rendered by {@code kubectl kustomize}: the manifests as trees and as fabric8 resources.
 * Production credentials come from files that are never committed; the render uses a copy of k8s/
 * where each {@code secrets/*.example} stands in for the file named without {@code .example}.
 */
record Rendered(String overlay, Path root, List<Map<String, Object>> manifests) {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    /** The k8s module folder (Maven runs tests in the module's folder). */
    static final Path MODULE = Path.of("").toAbsolutePath();
    /** Secrets the Strimzi operators write: a KafkaUser's (named after it) and the cluster CA of a Kafka. */
    static final Set<String> KAFKA_USER_SECRET_KEYS = Set.of("password", "sasl.jaas.config");
    static final Set<String> CLUSTER_CA_SECRET_KEYS = Set.of("ca.crt");

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered of(String overlay) {
        return CACHE.computeIfAbsent(overlay, name -> {
            Path root = workingCopy();
            return new Rendered(name, root, kustomize(root.resolve("overlays").resolve(name)));
        });
    }

    /** kubectl's built-in kustomize; the tree needs one with components and replacements (k8s/README.md). */
    static List<Map<String, Object>> kustomize(Path kustomization) {
        return Manifests.readAll(Command.succeed(List.of("kubectl", "kustomize", kustomization.toString())));
    }

    private static Path workingCopy() {
        try {
            Path copy = Files.createTempDirectory("k8s-render");
            for (String part : List.of("base", "components", "overlays")) {
                try (Stream<Path> files = Files.walk(MODULE.resolve(part))) {
                    for (Path file : files.toList()) {
                        Path target = copy.resolve(MODULE.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                            String name = file.getFileName().toString();
                            if (name.endsWith(".example")) {
                                Files.copy(file, target.resolveSibling(name.substring(0, name.length() - ".example".length())),
                                        StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stream<Map<String, Object>> ofKind(String kind) {
        return manifests.stream().filter(manifest -> kind.equals(Manifests.kind(manifest)));
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).filter(manifest -> name.equals(Manifests.name(manifest))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + "/" + name));
    }

    <T extends HasMetadata> T typed(Map<String, Object> manifest, Class<T> type) {
        return Strict.SERIALIZATION.convertValue(manifest, type);
    }

    List<Deployment> deployments() {
        return ofKind("Deployment").map(manifest -> typed(manifest, Deployment.class)).toList();
    }

    /** The services' Deployments: every one but the console's. */
    List<Deployment> serviceDeployments() {
        return deployments().stream().filter(deployment -> !ServiceModule.CONSOLE.equals(deployment.getMetadata().getName()))
                .toList();
    }

    Optional<ConfigMap> configMap(String name) {
        return find("ConfigMap", name).map(manifest -> typed(manifest, ConfigMap.class));
    }

    /** The keys a Secret of that name will hold once the operators ran, or empty when nothing provides it. */
    Optional<Set<String>> secretKeys(String name) {
        Optional<Map<String, Object>> secret = find("Secret", name);
        if (secret.isPresent()) {
            return Optional.of(typed(secret.get(), Secret.class).getData().keySet());
        }
        if (find("KafkaUser", name).isPresent()) {
            return Optional.of(KAFKA_USER_SECRET_KEYS);
        }
        return ofKind("Kafka").filter(kafka -> name.equals(Manifests.name(kafka) + "-cluster-ca-cert"))
                .findFirst().map(kafka -> CLUSTER_CA_SECRET_KEYS);
    }

    @Override
    public String toString() {
        return overlay;
    }
}
