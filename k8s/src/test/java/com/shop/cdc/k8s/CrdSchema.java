package com.shop.cdc.k8s;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the custom resources k8s/ uses (KEDA v1alpha1, Strimzi v1beta2), as their CRDs declare
 * them: a field not listed, a value of the wrong type or outside its enumeration is a problem. Embedded
 * Kubernetes types (volumes, resources, peers) are read strictly with the fabric8 model.
 */
final class CrdSchema {

    /** What a field holds: a scalar type, a free map of scalars, allowed values, or a fabric8 class. */
    private record Type(Class<?> scalar, Set<Object> values, Class<?> model, boolean freeMap) {
    }

    private static final Type STRING = new Type(String.class, null, null, false);
    private static final Type INT = new Type(Integer.class, null, null, false);
    private static final Type BOOL = new Type(Boolean.class, null, null, false);
    private static final Type OBJECT = new Type(Map.class, null, null, false);
    /** Map of string keys to scalars (config, labels, KEDA metadata checked below). */
    private static final Type FREE_MAP = new Type(null, null, null, true);

    private static Type oneOf(Object... values) {
        return new Type(null, Set.of(values), null, false);
    }

    private static Type model(Class<?> model) {
        return new Type(null, null, model, false);
    }

    private static final Map<String, Map<String, Type>> SCHEMAS = new HashMap<>();

    static {
        Map<String, Type> common = Map.of("apiVersion", STRING, "kind", STRING, "metadata.name", STRING,
                "metadata.namespace", STRING, "metadata.labels", FREE_MAP, "metadata.annotations", FREE_MAP);
        schema("keda.sh/v1alpha1", "ScaledObject", common, Map.ofEntries(
                Map.entry("spec.scaleTargetRef.name", STRING),
                Map.entry("spec.minReplicaCount", INT),
                Map.entry("spec.maxReplicaCount", INT),
                Map.entry("spec.pollingInterval", INT),
                Map.entry("spec.cooldownPeriod", INT),
                Map.entry("spec.triggers[].type", STRING),
                Map.entry("spec.triggers[].authenticationRef.name", STRING),
                Map.entry("spec.triggers[].metadata", FREE_MAP)));
        schema("keda.sh/v1alpha1", "TriggerAuthentication", common, Map.of(
                "spec.secretTargetRef[].parameter", oneOf("sasl", "username", "password", "tls", "ca", "cert", "key",
                        "keyPassword"),
                "spec.secretTargetRef[].name", STRING,
                "spec.secretTargetRef[].key", STRING));
        schema("kafka.strimzi.io/v1beta2", "Kafka", common, Map.ofEntries(
                Map.entry("spec.kafka.version", STRING),
                Map.entry("spec.kafka.metadataVersion", STRING),
                Map.entry("spec.kafka.rack.topologyKey", STRING),
                Map.entry("spec.kafka.listeners[].name", STRING),
                Map.entry("spec.kafka.listeners[].port", INT),
                Map.entry("spec.kafka.listeners[].type", oneOf("internal", "route", "loadbalancer", "nodeport",
                        "ingress", "cluster-ip")),
                Map.entry("spec.kafka.listeners[].tls", BOOL),
                Map.entry("spec.kafka.listeners[].authentication.type", oneOf("tls", "scram-sha-512", "oauth", "custom")),
                Map.entry("spec.kafka.listeners[].networkPolicyPeers[]", model(NetworkPolicyPeer.class)),
                Map.entry("spec.kafka.authorization.type", oneOf("simple", "opa", "keycloak", "custom")),
                Map.entry("spec.kafka.config", FREE_MAP),
                Map.entry("spec.entityOperator.topicOperator", OBJECT),
                Map.entry("spec.entityOperator.userOperator", OBJECT)));
        schema("kafka.strimzi.io/v1beta2", "KafkaNodePool", common, Map.ofEntries(
                Map.entry("spec.replicas", INT),
                Map.entry("spec.roles[]", oneOf("controller", "broker")),
                Map.entry("spec.storage.type", oneOf("jbod", "persistent-claim", "ephemeral")),
                Map.entry("spec.storage.volumes[].id", INT),
                Map.entry("spec.storage.volumes[].type", oneOf("persistent-claim", "ephemeral")),
                Map.entry("spec.storage.volumes[].size", STRING),
                Map.entry("spec.storage.volumes[].deleteClaim", BOOL),
                Map.entry("spec.storage.volumes[].kraftMetadata", oneOf("shared")),
                Map.entry("spec.resources", model(ResourceRequirements.class)),
                Map.entry("spec.jvmOptions", FREE_MAP),
                Map.entry("spec.template.pod.topologySpreadConstraints[]", model(TopologySpreadConstraint.class))));
        schema("kafka.strimzi.io/v1beta2", "KafkaTopic", common, Map.of(
                "spec.topicName", STRING,
                "spec.partitions", INT,
                "spec.replicas", INT,
                "spec.config", FREE_MAP));
        schema("kafka.strimzi.io/v1beta2", "KafkaUser", common, Map.of(
                "spec.authentication.type", oneOf("tls", "tls-external", "scram-sha-512"),
                "spec.authorization.type", oneOf("simple"),
                "spec.authorization.acls[].resource.type", oneOf("topic", "group", "cluster", "transactionalId"),
                "spec.authorization.acls[].resource.name", STRING,
                "spec.authorization.acls[].resource.patternType", oneOf("literal", "prefix"),
                "spec.authorization.acls[].operations[]", oneOf("Read", "Write", "Create", "Delete", "Alter",
                        "Describe", "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All")));
        schema("kafka.strimzi.io/v1beta2", "KafkaConnect", common, Map.ofEntries(
                Map.entry("spec.version", STRING),
                Map.entry("spec.replicas", INT),
                Map.entry("spec.bootstrapServers", STRING),
                Map.entry("spec.tls.trustedCertificates[].secretName", STRING),
                Map.entry("spec.tls.trustedCertificates[].certificate", STRING),
                Map.entry("spec.authentication.type", oneOf("tls", "scram-sha-256", "scram-sha-512", "plain", "oauth")),
                Map.entry("spec.authentication.username", STRING),
                Map.entry("spec.authentication.passwordSecret.secretName", STRING),
                Map.entry("spec.authentication.passwordSecret.password", STRING),
                Map.entry("spec.rack.topologyKey", STRING),
                Map.entry("spec.config", FREE_MAP),
                Map.entry("spec.resources", model(ResourceRequirements.class)),
                Map.entry("spec.jvmOptions", FREE_MAP),
                Map.entry("spec.build.output.type", oneOf("docker", "imagestream")),
                Map.entry("spec.build.output.image", STRING),
                Map.entry("spec.build.plugins[].name", STRING),
                Map.entry("spec.build.plugins[].artifacts[].type", oneOf("jar", "tgz", "zip", "maven", "other")),
                Map.entry("spec.build.plugins[].artifacts[].group", STRING),
                Map.entry("spec.build.plugins[].artifacts[].artifact", STRING),
                Map.entry("spec.build.plugins[].artifacts[].version", STRING),
                Map.entry("spec.template.pod.volumes[]", model(Volume.class)),
                Map.entry("spec.template.connectContainer.volumeMounts[]", model(VolumeMount.class))));
        schema("kafka.strimzi.io/v1beta2", "KafkaConnector", common, Map.of(
                "spec.class", STRING,
                "spec.tasksMax", INT,
                "spec.config", FREE_MAP));
    }

    /** Parameters of KEDA's kafka scaler (trigger metadata); every value is a string in the CRD. */
    static final Set<String> KAFKA_TRIGGER_METADATA = Set.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation",
            "version", "sasl", "tls");

    private CrdSchema() {
    }

    private static void schema(String apiVersion, String kind, Map<String, Type> common, Map<String, Type> fields) {
        Map<String, Type> schema = SCHEMAS.computeIfAbsent(apiVersion + " " + kind, key -> new HashMap<>());
        schema.putAll(common);
        schema.putAll(fields);
    }

    static boolean knows(Map<String, Object> manifest) {
        return SCHEMAS.containsKey(manifest.get("apiVersion") + " " + Manifests.kind(manifest));
    }

    /** Checks a custom resource against its schema; its kind must be one of those above. */
    static void check(Map<String, Object> manifest, List<String> problems) {
        Map<String, Type> schema = SCHEMAS.get(manifest.get("apiVersion") + " " + Manifests.kind(manifest));
        String where = Manifests.kind(manifest) + "/" + Manifests.name(manifest);
        if (schema == null) {
            problems.add(where + ": no schema for " + manifest.get("apiVersion"));
            return;
        }
        walk(manifest, "", schema, where, problems);
        if ("ScaledObject".equals(Manifests.kind(manifest))) {
            for (Map<String, Object> trigger : Manifests.maps(Manifests.map(manifest.get("spec")).get("triggers"))) {
                Manifests.map(trigger.get("metadata")).forEach((key, value) -> {
                    if (!KAFKA_TRIGGER_METADATA.contains(key) || !(value instanceof String)) {
                        problems.add(where + ": trigger metadata " + key + "=" + value + " is unknown or not a string");
                    }
                });
            }
        }
    }

    private static void walk(Object node, String path, Map<String, Type> schema, String where, List<String> problems) {
        Type type = schema.get(path);
        if (type != null) {
            checkValue(node, path, type, where, problems);
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String child = path.isEmpty() ? (String) key : path + "." + key;
                if (schema.keySet().stream().noneMatch(field -> field.equals(child) || field.startsWith(child + ".")
                        || field.startsWith(child + "["))) {
                    problems.add(where + ": unknown field " + child);
                } else {
                    walk(value, child, schema, where, problems);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> walk(element, path + "[]", schema, where, problems));
        } else {
            problems.add(where + ": " + path + " is not an object or list: " + node);
        }
    }

    private static void checkValue(Object value, String path, Type type, String where, List<String> problems) {
        if (type.model() != null) {
            Strict.typed(Manifests.map(value), type.model(), where + " " + path, problems);
        } else if (type.freeMap()) {
            if (!(value instanceof Map<?, ?> map) || map.values().stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
                problems.add(where + ": " + path + " must map names to scalars: " + value);
            }
        } else if (type.values() != null) {
            if (!type.values().contains(value)) {
                problems.add(where + ": " + path + "=" + value + " is not one of " + type.values());
            }
        } else if (!type.scalar().isInstance(value)) {
            problems.add(where + ": " + path + "=" + value + " is not a " + type.scalar().getSimpleName());
        }
    }
}
