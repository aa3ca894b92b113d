package com.shop.cdc.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomization with the subset of Kustomize that k8s/ uses, for machines without kustomize:
 * {@code resources} (files and kustomization folders), {@code components}, {@code namespace},
 * {@code patches} (strategic merge, target named by the patch's kind and name), {@code images}
 * (newName, newTag), {@code secretGenerator} (literals, envs) and {@code configMapGenerator} (files)
 * with name hashes disabled, and {@code replacements} (a source's field copied to targets selected by
 * kind and name; field paths with list indexes, {@code [key=value]} and {@code [map.key]}). Resources
 * annotated {@code config.kubernetes.io/local-config: "true"} feed replacements and are left out of the
 * output. Anything else is refused rather than ignored. {@link RenderTest} compares the result with
 * {@code kubectl kustomize} where one exists.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "components", "namespace",
            "patches", "images", "generatorOptions", "secretGenerator", "configMapGenerator", "replacements");
    private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";
    /** Kinds whose lists merge by key under a strategic merge; lists of custom resources are replaced. */
    private static final Set<String> BUILT_IN = Set.of("Namespace", "ConfigMap", "Secret", "Service", "Deployment",
            "PodDisruptionBudget", "NetworkPolicy");
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath");

    static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        List<Map<String, Object>> resources = new ArrayList<>();
        accumulate(directory, resources, false);
        return resources;
    }

    /**
     * Kustomize's order: the resources, then each component (which transforms everything accumulated so
     * far), then this kustomization's generators and transformers; local configuration goes last.
     */
    private static void accumulate(Path directory, List<Map<String, Object>> resources, boolean component) {
        Map<String, Object> kustomization = readOne(directory.resolve("kustomization.yaml"));
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(directory + ": '" + key + "' is outside the supported subset");
            }
        }
        if (component != "Component".equals(kustomization.get("kind"))) {
            throw new IllegalArgumentException(directory + ": a component is listed under components, nothing else is");
        }
        for (String entry : strings(kustomization.get("resources"))) {
            Path path = directory.resolve(entry).normalize();
            List<Map<String, Object>> loaded = Files.isDirectory(path) ? render(path) : readAll(path);
            loaded.forEach(resource -> add(resources, resource));
        }
        for (String entry : strings(kustomization.get("components"))) {
            accumulate(directory.resolve(entry).normalize(), resources, true);
        }
        generate(directory, kustomization).forEach(generated -> add(resources, generated));
        for (Map<String, Object> patchEntry : maps(kustomization.get("patches"))) {
            if (!patchEntry.keySet().equals(Set.of("path"))) {
                throw new IllegalArgumentException(directory + ": only patches by path are supported: " + patchEntry);
            }
            for (Map<String, Object> patch : readAll(directory.resolve((String) patchEntry.get("path")))) {
                Map<String, Object> target = find(resources, kind(patch), name(patch));
                merge(target, patch, BUILT_IN.contains(kind(patch)));
            }
        }
        for (Map<String, Object> image : maps(kustomization.get("images"))) {
            resources.forEach(resource -> setImage(resource, image));
        }
        for (Map<String, Object> replacement : maps(kustomization.get("replacements"))) {
            replace(directory, resources, replacement);
        }
        String namespace = (String) kustomization.get("namespace");
        if (namespace != null) {
            resources.stream().filter(resource -> !"Namespace".equals(kind(resource)))
                    .forEach(resource -> metadata(resource).put("namespace", namespace));
        }
        resources.removeIf(resource -> "true".equals(map(metadata(resource).get("annotations")).get(LOCAL_CONFIG)));
    }

    private static List<Map<String, Object>> generate(Path directory, Map<String, Object> kustomization) {
        List<Map<String, Object>> generated = new ArrayList<>(generateSecrets(directory, kustomization));
        List<Map<String, Object>> configMaps = maps(kustomization.get("configMapGenerator"));
        if (!configMaps.isEmpty()) {
            checkNoHash(directory, kustomization);
        }
        for (Map<String, Object> generator : configMaps) {
            if (!Set.of("name", "files").containsAll(generator.keySet())) {
                throw new IllegalArgumentException(directory + ": unsupported configMapGenerator fields in " + generator);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            for (String file : strings(generator.get("files"))) {
                int equals = file.indexOf('=');
                String key = equals < 0 ? Path.of(file).getFileName().toString() : file.substring(0, equals);
                data.put(key, read(directory.resolve(file.substring(equals + 1))));
            }
            Map<String, Object> configMap = new LinkedHashMap<>();
            configMap.put("apiVersion", "v1");
            configMap.put("kind", "ConfigMap");
            configMap.put("metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))));
            configMap.put("data", data);
            generated.add(configMap);
        }
        return generated;
    }

    private static void checkNoHash(Path directory, Map<String, Object> kustomization) {
        Map<String, Object> options = map(kustomization.get("generatorOptions"));
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash")) || options.size() != 1) {
            throw new IllegalArgumentException(directory + ": generators need generatorOptions.disableNameSuffixHash: true only");
        }
    }

    private static List<Map<String, Object>> generateSecrets(Path directory, Map<String, Object> kustomization) {
        List<Map<String, Object>> generators = maps(kustomization.get("secretGenerator"));
        if (generators.isEmpty()) {
            return List.of();
        }
        checkNoHash(directory, kustomization);
        List<Map<String, Object>> secrets = new ArrayList<>();
        for (Map<String, Object> generator : generators) {
            Map<String, Object> data = new LinkedHashMap<>();
            strings(generator.get("literals")).forEach(literal -> putPair(data, literal));
            for (String env : strings(generator.get("envs"))) {
                for (String line : read(directory.resolve(env)).split("\n")) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        putPair(data, trimmed);
                    }
                }
            }
            Set<String> known = Set.of("name", "literals", "envs");
            if (!known.containsAll(generator.keySet())) {
                throw new IllegalArgumentException(directory + ": unsupported secretGenerator fields in " + generator);
            }
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("apiVersion", "v1");
            secret.put("kind", "Secret");
            secret.put("metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))));
            secret.put("type", "Opaque");
            secret.put("data", data);
            secrets.add(secret);
        }
        return secrets;
    }

    private static void putPair(Map<String, Object> data, String pair) {
        int equals = pair.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("not KEY=VALUE: " + pair);
        }
        String value = pair.substring(equals + 1);
        data.put(pair.substring(0, equals), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Strategic merge: maps merge, null deletes, keyed lists of built-in kinds merge by key, other lists are replaced. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        patch.forEach((key, value) -> {
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
                merge((Map<String, Object>) currentMap, (Map<String, Object>) patchMap, builtIn);
            } else if (value instanceof List<?> patchList && builtIn) {
                String mergeKey = MERGE_KEYS.get(key);
                if (mergeKey == null) {
                    throw new IllegalArgumentException("patching the list '" + key + "' of a built-in kind is outside the supported subset");
                }
                target.put(key, mergeList((List<Object>) current, (List<Object>) patchList, mergeKey));
            } else {
                target.put(key, value);
            }
        });
    }

    /** In kustomize's order: the patch's elements (merged into the existing ones of the same key), then the rest. */
    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(List<Object> current, List<Object> patch, String mergeKey) {
        List<Object> rest = new ArrayList<>(current == null ? List.of() : current);
        List<Object> merged = new ArrayList<>();
        for (Object element : patch) {
            Map<String, Object> patchElement = (Map<String, Object>) element;
            Object key = patchElement.get(mergeKey);
            Map<String, Object> existing = rest.stream().map(candidate -> (Map<String, Object>) candidate)
                    .filter(candidate -> Objects.equals(candidate.get(mergeKey), key)).findFirst().orElse(null);
            if (existing == null) {
                merged.add(patchElement);
            } else {
                rest.remove(existing);
                merge(existing, patchElement, true);
                merged.add(existing);
            }
        }
        merged.addAll(rest);
        return merged;
    }

    /** One replacement: the source's field, copied to every target's field paths (which must exist). */
    private static void replace(Path directory, List<Map<String, Object>> resources, Map<String, Object> replacement) {
        Map<String, Object> source = map(replacement.get("source"));
        if (!replacement.keySet().equals(Set.of("source", "targets"))
                || !Set.of("kind", "name", "fieldPath").containsAll(source.keySet())) {
            throw new IllegalArgumentException(directory + ": unsupported replacement " + replacement);
        }
        List<Map<String, Object>> sources = resources.stream().filter(resource -> selected(resource, source)).toList();
        if (sources.size() != 1) {
            throw new IllegalArgumentException(directory + ": " + sources.size() + " sources for " + source);
        }
        Object value = field(sources.get(0), (String) source.getOrDefault("fieldPath", "metadata.name"));
        for (Map<String, Object> target : maps(replacement.get("targets"))) {
            Map<String, Object> select = map(target.get("select"));
            if (!target.keySet().equals(Set.of("select", "fieldPaths")) || !Set.of("kind", "name").containsAll(select.keySet())) {
                throw new IllegalArgumentException(directory + ": unsupported replacement target " + target);
            }
            for (Map<String, Object> resource : resources.stream().filter(resource -> selected(resource, select)).toList()) {
                for (String fieldPath : strings(target.get("fieldPaths"))) {
                    setField(resource, fieldPath, copy(value));
                }
            }
        }
    }

    private static Object copy(Object value) {
        try {
            return JSON.treeToValue(JSON.valueToTree(value), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean selected(Map<String, Object> resource, Map<String, Object> selector) {
        return (!selector.containsKey("kind") || selector.get("kind").equals(kind(resource)))
                && (!selector.containsKey("name") || selector.get("name").equals(name(resource)));
    }

    private static Object field(Map<String, Object> resource, String fieldPath) {
        Object node = resource;
        for (String segment : segments(fieldPath)) {
            node = child(node, segment, fieldPath);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void setField(Map<String, Object> resource, String fieldPath, Object value) {
        List<String> segments = segments(fieldPath);
        Object node = resource;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            node = child(node, segment, fieldPath);
        }
        String last = segments.get(segments.size() - 1);
        child(node, last, fieldPath); // must exist
        if (node instanceof List<?> list) {
            ((List<Object>) list).set(Integer.parseInt(last), value);
        } else {
            ((Map<String, Object>) node).put(unbracket(last), value);
        }
    }

    /** A field path's segments: split at dots outside brackets. */
    private static List<String> segments(String fieldPath) {
        List<String> segments = new ArrayList<>();
        int depth = 0;
        StringBuilder segment = new StringBuilder();
        for (char c : fieldPath.toCharArray()) {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '.' && depth == 0) {
                segments.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString());
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object node, String segment, String fieldPath) {
        Object child = null;
        if (node instanceof List<?> list) {
            if (segment.matches("\\[[^=\\]]+=[^\\]]*]")) {
                String[] pair = segment.substring(1, segment.length() - 1).split("=", 2);
                child = list.stream().map(element -> (Map<String, Object>) element)
                        .filter(element -> pair[1].equals(String.valueOf(element.get(pair[0])))).findFirst().orElse(null);
            } else if (segment.matches("\\d+") && Integer.parseInt(segment) < list.size()) {
                child = list.get(Integer.parseInt(segment));
            }
        } else if (node instanceof Map<?, ?> map) {
            child = map.get(unbracket(segment));
        }
        if (child == null) {
            throw new IllegalArgumentException("no " + segment + " in field path " + fieldPath);
        }
        return child;
    }

    private static String unbracket(String segment) {
        return segment.startsWith("[") && segment.endsWith("]") ? segment.substring(1, segment.length() - 1) : segment;
    }

    @SuppressWarnings("unchecked")
    private static void setImage(Map<String, Object> resource, Map<String, Object> image) {
        Object template = map(resource.get("spec")).get("template");
        if (!(template instanceof Map<?, ?>) || !BUILT_IN.contains(kind(resource))) {
            return;
        }
        Map<String, Object> podSpec = map(((Map<String, Object>) template).get("spec"));
        for (String list : List.of("initContainers", "containers")) {
            for (Map<String, Object> container : maps(podSpec.get(list))) {
                String reference = (String) container.get("image");
                int tagAt = reference.lastIndexOf(':');
                String name = tagAt < 0 ? reference : reference.substring(0, tagAt);
                if (name.equals(image.get("name"))) {
                    String newName = (String) image.getOrDefault("newName", name);
                    Object newTag = image.getOrDefault("newTag", tagAt < 0 ? null : reference.substring(tagAt + 1));
                    container.put("image", newTag == null ? newName : newName + ":" + newTag);
                }
            }
        }
    }

    private static void add(List<Map<String, Object>> resources, Map<String, Object> resource) {
        String namespace = (String) metadata(resource).get("namespace");
        for (Map<String, Object> existing : resources) {
            if (kind(existing).equals(kind(resource)) && name(existing).equals(name(resource))
                    && Objects.equals(metadata(existing).get("namespace"), namespace)) {
                throw new IllegalArgumentException("duplicate " + kind(resource) + "/" + name(resource));
            }
        }
        resources.add(resource);
    }

    private static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream().filter(resource -> kind(resource).equals(kind) && name(resource).equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("patch target not found: " + kind + "/" + name));
    }

    static String kind(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    static String name(Map<String, Object> resource) {
        return (String) metadata(resource).get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("metadata");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static Map<String, Object> readOne(Path file) {
        List<Map<String, Object>> documents = readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document");
        }
        return documents.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readAll(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<Map<String, Object>> documents = new ArrayList<>();
            YAML.readValues(parser, Map.class).forEachRemaining(document -> {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
