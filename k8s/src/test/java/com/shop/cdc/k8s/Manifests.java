package com.shop.cdc.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rendered manifests (YAML streams) into plain trees, and the accessors the checks share. */
final class Manifests {

    static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Manifests() {
    }

    /** Every non-empty document of a YAML stream. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readAll(String yaml) {
        try (var parser = YAML.getFactory().createParser(yaml)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            YAML.readValues(parser, Map.class).forEachRemaining(document -> {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    static String name(Map<String, Object> resource) {
        return (String) metadata(resource).get("name");
    }

    static Map<String, Object> metadata(Map<String, Object> resource) {
        return map(resource.get("metadata"));
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
}
