package com.shop.cdc.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading with the fabric8 model: a field the model does not know lands in an
 * {@code additionalProperties} map instead of failing, so every such map must be empty, and the typed
 * object written back must equal the manifest (nothing dropped, nothing coerced).
 */
final class Strict {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Strict() {
    }

    /** The typed resource, or a list of what is wrong with it. */
    static <T> T typed(Map<String, Object> manifest, Class<T> type, String where, List<String> problems) {
        T typed = SERIALIZATION.convertValue(manifest, type);
        unknownFields(typed, where, problems);
        differences(manifest, SERIALIZATION.convertValue(typed, Object.class), where, problems);
        return typed;
    }

    /** Where the model's version of a manifest differs from it: a field dropped, added or changed. */
    private static void differences(Object manifest, Object model, String path, List<String> problems) {
        if (manifest instanceof Map<?, ?> left && model instanceof Map<?, ?> right) {
            Set<Object> keys = new TreeSet<>(Comparator.comparing(String::valueOf));
            keys.addAll(left.keySet());
            keys.addAll(right.keySet());
            keys.forEach(key -> differences(left.get(key), right.get(key), path + "." + key, problems));
        } else if (manifest instanceof List<?> left && model instanceof List<?> right && left.size() == right.size()) {
            for (int i = 0; i < left.size(); i++) {
                differences(left.get(i), right.get(i), path + "[" + i + "]", problems);
            }
        } else if (manifest instanceof Number left && model instanceof Number right) {
            if (left.longValue() != right.longValue() || left.doubleValue() != right.doubleValue()) {
                problems.add(path + ": the manifest has " + manifest + ", the model " + model);
            }
        } else if (!Objects.equals(manifest, model)) {
            problems.add(path + ": the manifest has " + manifest + ", the model " + model);
        }
    }

    /** Built-in kinds parse to their model class; custom resources stay generic (CrdValidator checks them). */
    static HasMetadata resource(Map<String, Object> manifest, List<String> problems) {
        String where = Manifests.kind(manifest) + "/" + Manifests.name(manifest);
        HasMetadata resource = SERIALIZATION.convertValue(manifest, HasMetadata.class);
        if (!(resource instanceof GenericKubernetesResource)) {
            typed(manifest, resource.getClass(), where, problems);
        }
        return resource;
    }

    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
            if (node instanceof Collection<?> collection) {
                int index = 0;
                for (Object element : collection) {
                    unknownFields(element, path + "[" + index++ + "]", problems);
                }
            } else if (node instanceof Map<?, ?> map) {
                map.forEach((key, value) -> unknownFields(value, path + "." + key, problems));
            }
            return;
        }
        for (Method getter : getters(node.getClass())) {
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown fields " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + property(getter), problems);
            }
        }
    }

    private static List<Method> getters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method method : type.getMethods()) {
            boolean getter = method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && (method.getName().startsWith("get") || method.getName().startsWith("is"))
                    && method.getDeclaringClass().getName().startsWith("io.fabric8.")
                    && (Map.class.isAssignableFrom(method.getReturnType())
                            || Collection.class.isAssignableFrom(method.getReturnType())
                            || method.getReturnType().getName().startsWith("io.fabric8."));
            if (getter) {
                getters.add(method);
            }
        }
        return getters;
    }

    private static String property(Method getter) {
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }
}
