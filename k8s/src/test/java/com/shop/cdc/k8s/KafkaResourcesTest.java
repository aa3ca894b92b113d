package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The Strimzi side: cluster, topics, users and their grants, Connect and the Debezium connectors. */
class KafkaResourcesTest {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;
    /** Connector settings that say where a database is and how to reach it; all others match the local stack. */
    static final Set<String> ENVIRONMENT_KEYS = Set.of("database.hostname", "database.port", "database.user",
            "database.password", "database.ssl.mode", "schema.history.internal.kafka.bootstrap.servers");
    /** The local stack's MariaDB stands for production's MySQL 8: same settings, Debezium's MySQL connector. */
    static final Map<String, String> CONNECTOR_CLASSES = Map.of(
            "io.debezium.connector.mariadb.MariaDbConnector", "io.debezium.connector.mysql.MySqlConnector");
    static final Map<String, String> LOCAL_CONNECTORS = Map.of("users-postgres.json", "users-postgres",
            "orders-mariadb.json", "orders-mysql");
    private static final Pattern DIRECTORY_REFERENCE = Pattern.compile("\\$\\{directory:([^:}]+):([^}]+)}");

    static Map<String, Object> topic(Rendered rendered, String name) {
        return rendered.ofKind("KafkaTopic").filter(topic -> name.equals(topicName(topic))).findFirst()
                .orElseThrow(() -> new AssertionError(rendered + ": no KafkaTopic " + name));
    }

    private static final String ZONE = "topology.kubernetes.io/zone";

    static int partitions(Rendered rendered, String name) {
        return (Integer) spec(topic(rendered, name)).get("partitions");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void clusterHasThreeBrokersOverSaslSsl(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> kafka = rendered.ofKind("Kafka").collect(single());
        Map<String, Object> broker = Manifests.map(spec(kafka).get("kafka"));
        Map<String, Object> listener = Manifests.maps(broker.get("listeners")).stream().collect(single());
        assertThat(listener.get("tls")).isEqualTo(true);
        assertThat(Manifests.map(listener.get("authentication")).get("type")).isEqualTo("scram-sha-512");
        String bootstrap = Manifests.name(kafka) + "-kafka-bootstrap:" + listener.get("port");
        assertThat(rendered.configMap("cdc-platform").orElseThrow().getData().get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(bootstrap);
        assertThat(spec(rendered.ofKind("KafkaConnect").collect(single())).get("bootstrapServers")).isEqualTo(bootstrap);

        Map<String, Object> pool = rendered.ofKind("KafkaNodePool").collect(single());
        assertThat(labels(pool)).containsEntry("strimzi.io/cluster", Manifests.name(kafka));
        assertThat(spec(pool).get("replicas")).isEqualTo(3);
        assertThat(Manifests.strings(spec(pool).get("roles"))).contains("broker", "controller");
        Map<String, Object> config = Manifests.map(broker.get("config"));
        assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                .containsEntry("auto.create.topics.enable", false);
        for (String kind : List.of("KafkaTopic", "KafkaUser")) {
            rendered.ofKind(kind).forEach(resource -> assertThat(labels(resource))
                    .containsEntry("strimzi.io/cluster", Manifests.name(kafka)));
        }
    }

    /**
     * Production spreads the nodes over zones; development must schedule on one unlabelled node, so
     * nothing there may require a zone label (Strimzi's rack awareness adds a required node affinity).
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rackAwarenessOnlyInProduction(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> broker = Manifests.map(spec(rendered.ofKind("Kafka").collect(single())).get("kafka"));
        Map<String, Object> pod = Manifests.map(Manifests.map(spec(rendered.ofKind("KafkaNodePool").collect(single()))
                .get("template")).get("pod"));
        Map<String, Object> connect = spec(rendered.ofKind("KafkaConnect").collect(single()));
        if (overlay.equals("prod")) {
            assertThat(Manifests.map(broker.get("rack")).get("topologyKey")).isEqualTo(ZONE);
            assertThat(Manifests.map(broker.get("config"))).containsEntry("replica.selector.class",
                    "org.apache.kafka.common.replica.RackAwareReplicaSelector");
            assertThat(Manifests.maps(pod.get("topologySpreadConstraints"))).singleElement()
                    .satisfies(constraint -> assertThat(constraint).containsEntry("topologyKey", ZONE));
            assertThat(Manifests.map(connect.get("rack")).get("topologyKey")).isEqualTo(ZONE);
        } else {
            assertThat(broker).doesNotContainKey("rack");
            assertThat(connect).doesNotContainKey("rack");
            assertThat(pod).doesNotContainKeys("topologySpreadConstraints", "affinity");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyConsumedTopicHasCompactionAndADeadLetterTopic(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> consumed = ServiceModule.names().stream()
                .flatMap(name -> ServiceModule.of(name, Optional.empty()).topics().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : consumed) {
            Map<String, Object> source = topic(rendered, name);
            Map<String, Object> deadLetters = topic(rendered, name + ".dlq");
            assertThat(Manifests.map(spec(source).get("config"))).as(name)
                    .containsEntry("cleanup.policy", "compact");
            assertThat(Manifests.map(spec(deadLetters).get("config"))).containsEntry("cleanup.policy", "delete");
            assertThat(partitions(rendered, name + ".dlq")).isEqualTo(partitions(rendered, name));
        }
        rendered.ofKind("KafkaTopic").forEach(topic -> {
            assertThat(spec(topic).get("replicas")).as(topicName(topic)).isEqualTo(3);
            assertThat(Manifests.map(spec(topic).get("config"))).containsEntry("min.insync.replicas", 2);
        });
    }

    /** Each service reads its topics in its group, writes only their dead-letter topics, with its own user. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceHasAUserGrantedExactlyItsTopics(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (Deployment deployment : rendered.serviceDeployments()) {
            ServiceModule module = ServiceDeploymentTest.module(rendered, deployment);
            EnvVar jaas = ServiceDeploymentTest.single(deployment).getEnv().stream()
                    .filter(variable -> variable.getName().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            String user = jaas.getValueFrom().getSecretKeyRef().getName();
            List<Map<String, Object>> acls = Manifests.maps(Manifests.map(spec(rendered.get("KafkaUser", user))
                    .get("authorization")).get("acls"));
            Set<String> deadLetters = module.topics().stream().map(topic -> topic + ".dlq").collect(Collectors.toSet());
            assertThat(granted(acls, "topic", "Read")).as(user).isEqualTo(module.topics());
            assertThat(granted(acls, "topic", "Write")).as(user).isEqualTo(deadLetters);
            assertThat(granted(acls, "group", "Read")).as(user).containsExactly(module.group());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void connectRunsDistributedOverSaslSsl(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> connect = rendered.ofKind("KafkaConnect").collect(single());
        assertThat(Manifests.metadata(connect).get("annotations").toString())
                .contains("strimzi.io/use-connector-resources=true");
        Map<String, Object> config = Manifests.map(spec(connect).get("config"));
        // The v1 API takes the group and the storage topics as fields; the connect user must own them.
        List<Map<String, Object>> grants = Manifests.maps(Manifests.map(spec(rendered.get("KafkaUser", "connect"))
                .get("authorization")).get("acls")).stream().map(acl -> Manifests.map(acl.get("resource"))).toList();
        for (String storage : List.of("config", "offset", "status")) {
            assertThat(config.get(storage + ".storage.replication.factor")).as(storage).isEqualTo(3);
            String topic = (String) spec(connect).get(storage + "StorageTopic");
            assertThat(grants).as(storage).anySatisfy(grant -> assertThat(topic).startsWith((String) grant.get("name")));
        }
        assertThat(grants).anySatisfy(grant -> assertThat(grant).containsEntry("type", "group")
                .containsEntry("name", spec(connect).get("groupId")));
        assertThat(config).containsEntry("connector.client.config.override.policy", "All").doesNotContainKey("group.id");
        Map<String, Object> authentication = Manifests.map(spec(connect).get("authentication"));
        assertThat(authentication.get("type")).isEqualTo("scram-sha-512");
        Map<String, Object> password = Manifests.map(authentication.get("passwordSecret"));
        assertThat(rendered.find("KafkaUser", (String) authentication.get("username"))).isPresent();
        assertThat(rendered.secretKeys((String) password.get("secretName")))
                .hasValueSatisfying(keys -> assertThat(keys).contains((String) password.get("password")));
        for (Map<String, Object> certificate : Manifests.maps(Manifests.map(spec(connect).get("tls"))
                .get("trustedCertificates"))) {
            assertThat(rendered.secretKeys((String) certificate.get("secretName")))
                    .hasValueSatisfying(keys -> assertThat(keys).contains((String) certificate.get("certificate")));
        }
        assertThat(Manifests.maps(Manifests.map(spec(connect).get("build")).get("plugins")))
                .extracting(plugin -> plugin.get("name"))
                .containsExactlyInAnyOrder("debezium-postgres", "debezium-mysql", "debezium-mongodb");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void connectorsCarryTheLocalStacksSettings(String overlay) throws IOException {
        Rendered rendered = Rendered.of(overlay);
        Path connectors = Rendered.MODULE.resolveSibling("dev").resolve("connectors");
        for (Map.Entry<String, String> local : LOCAL_CONNECTORS.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = Manifests.JSON.readValue(connectors.resolve(local.getKey()).toFile(), Map.class);
            Map<String, Object> connector = spec(rendered.get("KafkaConnector", local.getValue()));
            Map<String, Object> config = Manifests.map(connector.get("config"));
            settings.forEach((key, value) -> {
                switch (key) {
                    case "connector.class" -> assertThat(connector.get("class"))
                            .isEqualTo(CONNECTOR_CLASSES.getOrDefault((String) value, (String) value));
                    case "tasks.max" -> assertThat(connector.get("tasksMax")).isEqualTo(Integer.parseInt((String) value));
                    default -> {
                        assertThat(config).as(local.getValue()).containsKey(key);
                        if (!ENVIRONMENT_KEYS.contains(key)) {
                            assertThat(config.get(key)).as(local.getValue() + " " + key).isEqualTo(value);
                        }
                    }
                }
            });
        }
        // MongoDB has no local connector: its envelope settings match the others', full documents on update.
        @SuppressWarnings("unchecked")
        Map<String, Object> users = Manifests.JSON.readValue(connectors.resolve("users-postgres.json").toFile(), Map.class);
        Map<String, Object> mongo = Manifests.map(spec(rendered.get("KafkaConnector", "products-mongodb")).get("config"));
        assertThat(mongo).containsEntry("capture.mode", "change_streams_update_full")
                .containsEntry("collection.include.list", "catalog.products");
        for (String key : List.of("topic.prefix", "snapshot.mode", "skipped.operations", "tombstones.on.delete",
                "provide.transaction.metadata", "key.converter", "key.converter.schemas.enable", "value.converter",
                "value.converter.schemas.enable", "value.converter.replace.null.with.default")) {
            assertThat(mongo.get(key)).as("products-mongodb " + key).isEqualTo(users.get(key));
        }
    }

    /** Every `${directory:/path:key}` in a connector is a key of a Secret mounted at that path in Connect. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void connectorSecretsAreMountedInConnect(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Object> connect = rendered.ofKind("KafkaConnect").collect(single());
        Map<String, Object> template = Manifests.map(spec(connect).get("template"));
        List<VolumeMount> mounts = Manifests.maps(Manifests.map(template.get("connectContainer")).get("volumeMounts"))
                .stream().map(mount -> Strict.SERIALIZATION.convertValue(mount, VolumeMount.class)).toList();
        List<Volume> volumes = Manifests.maps(Manifests.map(template.get("pod")).get("volumes")).stream()
                .map(volume -> Strict.SERIALIZATION.convertValue(volume, Volume.class)).toList();
        Set<String> referenced = new HashSet<>();
        rendered.ofKind("KafkaConnector").forEach(connector -> {
            assertThat(labels(connector)).containsEntry("strimzi.io/cluster", Manifests.name(connect));
            Manifests.map(spec(connector).get("config")).values().forEach(value -> {
                Matcher matcher = DIRECTORY_REFERENCE.matcher(String.valueOf(value));
                while (matcher.find()) {
                    String path = matcher.group(1);
                    String key = matcher.group(2);
                    VolumeMount mount = mounts.stream().filter(candidate -> candidate.getMountPath().equals(path))
                            .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + path));
                    Volume volume = volumes.stream().filter(candidate -> candidate.getName().equals(mount.getName()))
                            .findFirst().orElseThrow();
                    assertThat(rendered.secretKeys(volume.getSecret().getSecretName())).as(path)
                            .hasValueSatisfying(keys -> assertThat(keys).contains(key));
                    referenced.add(path);
                }
            });
        });
        assertThat(referenced).as("every mounted Secret is used").hasSameSizeAs(mounts);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void connectorsWriteTheConsumedTopics(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, Map<String, Object>> configs = rendered.ofKind("KafkaConnector").collect(Collectors.toMap(
                Manifests::name, connector -> Manifests.map(spec(connector).get("config"))));
        configs.values().forEach(config -> assertThat(config.get("topic.prefix")).isEqualTo("shop"));
        assertThat(configs.get("users-postgres").get("table.include.list")).isEqualTo("public.users");
        assertThat(configs.get("orders-mysql").get("database.include.list")).isEqualTo("shop_orders");
        assertThat(topic(rendered, (String) configs.get("orders-mysql").get("schema.history.internal.kafka.topic")))
                .satisfies(history -> assertThat(spec(history).get("partitions")).isEqualTo(1));
        assertThat(topic(rendered, "shop")).as("MySQL schema changes").isNotNull();
    }

    /** Names granted the operation on resources of the type; a service's grants name single resources. */
    private static Set<String> granted(List<Map<String, Object>> acls, String type, String operation) {
        List<Map<String, Object>> resources = acls.stream()
                .filter(acl -> Manifests.strings(acl.get("operations")).contains(operation))
                .map(acl -> Manifests.map(acl.get("resource")))
                .filter(resource -> type.equals(resource.get("type"))).toList();
        assertThat(resources).extracting(resource -> resource.get("patternType")).containsOnly("literal");
        return resources.stream().map(resource -> (String) resource.get("name"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String topicName(Map<String, Object> topic) {
        Object name = spec(topic).get("topicName");
        return name == null ? Manifests.name(topic) : (String) name;
    }

    private static Map<String, Object> spec(Map<String, Object> resource) {
        return Manifests.map(resource.get("spec"));
    }

    private static Map<String, Object> labels(Map<String, Object> resource) {
        return Manifests.map(Manifests.metadata(resource).get("labels"));
    }

    private static <T> Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
