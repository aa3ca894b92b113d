package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Seeded mistakes in otherwise valid rendered manifests: each one must be reported. */
class CrdValidatorTest {

    private final Rendered rendered = Rendered.of("dev");

    @Test
    void theRenderedManifestsAreTheValidBaseline() {
        assertThat(problems("KafkaTopic", "shop.public.users", manifest -> { })).isEmpty();
    }

    @Test
    void aVersionTheCrdDoesNotServeIsRejected() {
        assertThat(problems("Kafka", "cdc", kafka -> kafka.put("apiVersion", "kafka.strimzi.io/v1beta2")))
                .containsExactly("Kafka/cdc: kafka.strimzi.io/v1beta2 is not served by kafkas.kafka.strimzi.io (served: [v1])");
    }

    @Test
    void anUnknownFieldInAKafkaTopicSpecIsRejected() {
        assertThat(problems("KafkaTopic", "shop.public.users", topic -> spec(topic).put("retention", "7d")))
                .containsExactly("KafkaTopic/shop.public.users.spec.retention: unknown field");
    }

    @Test
    void aNumberWhereAScaledObjectTriggerWantsAStringIsRejected() {
        assertThat(problems("ScaledObject", "orders-sink", scaled -> Manifests.map(Manifests.maps(spec(scaled)
                .get("triggers")).get(0).get("metadata")).put("lagThreshold", 37500)))
                .containsExactly("ScaledObject/orders-sink.spec.triggers[0].metadata.lagThreshold: Integer 37500"
                        + " where the schema wants string");
    }

    @Test
    void aMissingRequiredFieldAnEnumAndAPatternAreChecked() {
        assertThat(problems("KafkaConnect", "cdc", connect -> spec(connect).remove("groupId")))
                .containsExactly("KafkaConnect/cdc.spec: required field groupId is missing");
        assertThat(problems("KafkaNodePool", "kafka", pool -> spec(pool).put("roles", List.of("observer"))))
                .containsExactly("KafkaNodePool/kafka.spec.roles[0]: observer is not one of [controller, broker]");
        assertThat(problems("Kafka", "cdc", kafka -> Manifests.maps(Manifests.map(spec(kafka).get("kafka"))
                .get("listeners")).get(0).put("name", "TLS")))
                .containsExactly("Kafka/cdc.spec.kafka.listeners[0].name: \"TLS\" does not match ^[a-z0-9]{1,11}$");
    }

    @Test
    void freeFormConfigStaysOpen() {
        assertThat(problems("KafkaConnector", "orders-mysql", connector -> Manifests.map(spec(connector).get("config"))
                .put("any.debezium.option", "x"))).isEmpty();
    }

    @Test
    void anUnknownFieldInADeploymentContainerIsRejected() {
        assertThat(problems("Deployment", "orders-sink", deployment -> Manifests.map(Manifests.maps(Manifests.map(
                Manifests.map(spec(deployment).get("template")).get("spec")).get("containers")).get(0))
                .put("restartPolicyy", "Always")))
                .singleElement().asString().contains("unknown fields [restartPolicyy]");
    }

    @Test
    void aCustomResourceWithoutItsCrdIsRejected() {
        assertThat(problems("KafkaTopic", "shop.public.users", topic -> topic.put("kind", "KafkaTopicz")))
                .singleElement().asString().endsWith("no CRD for kafka.strimzi.io/v1 KafkaTopicz");
    }

    /** The problems of a deep copy of the rendered manifest after the change. */
    private List<String> problems(String kind, String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> copy = Manifests.JSON.convertValue(rendered.get(kind, name), Map.class);
        change.accept(copy);
        List<String> problems = new ArrayList<>();
        CrdValidator.check(copy, problems);
        return problems;
    }

    private static Map<String, Object> spec(Map<String, Object> manifest) {
        return Manifests.map(manifest.get("spec"));
    }
}
