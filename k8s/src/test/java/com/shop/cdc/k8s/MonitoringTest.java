package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alert rules as Prometheus loads them (promtool check rules) and as they behave on sample series
 * (promtool test rules, src/test/resources/monitoring/alerts-test.yaml), and the JMX exporter rules
 * producing the series the Connect alerts read.
 */
class MonitoringTest {

    private final Rendered rendered = Rendered.of("prod");

    @Test
    void alertRulesLoadAndPassTheirUnitTests() throws IOException {
        Path directory = Files.createTempDirectory("alerts");
        // promtool reads plain rule files: the PrometheusRule's spec is one.
        Manifests.YAML.writeValue(directory.resolve("alerts.rules.yaml").toFile(),
                rendered.get("PrometheusRule", "cdc-platform").get("spec"));
        try (InputStream tests = getClass().getResourceAsStream("/monitoring/alerts-test.yaml")) {
            Files.copy(tests, directory.resolve("alerts-test.yaml"));
        }
        Command.succeed(List.of("promtool", "check", "rules", directory.resolve("alerts.rules.yaml").toString()));
        Command.succeed(List.of("promtool", "test", "rules", directory.resolve("alerts-test.yaml").toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kafka.connect<type=connector-metrics, connector=orders-mysql><>status: failed"
                + "|kafka_connect_connector_status|orders-mysql|failed",
        "kafka.connect<type=connector-task-metrics, connector=users-postgres, task=0><>status: failed"
                + "|kafka_connect_task_status|users-postgres|failed",
        "debezium.mysql<type=connector-metrics, context=streaming, server=shop><>Connected"
                + "|debezium_streaming_connected|mysql|shop"})
    void connectExporterRulesNameTheSeriesTheAlertsRead(String bean, String metric, String first, String second) {
        Map<String, Object> config = exporterConfig("cdc-connect-metrics", "connect-metrics.yaml");
        assertThat(config.get("lowercaseOutputName")).isEqualTo(true);
        Map<String, Object> rule = Manifests.maps(config.get("rules")).stream()
                .filter(candidate -> Pattern.compile((String) candidate.get("pattern")).matcher(bean).matches())
                .findFirst().orElseThrow(() -> new AssertionError("no rule matches " + bean));
        Matcher matcher = Pattern.compile((String) rule.get("pattern")).matcher(bean);
        assertThat(matcher.matches()).isTrue();
        assertThat(expand((String) rule.get("name"), matcher).toLowerCase()).isEqualTo(metric);
        List<String> labels = Manifests.map(rule.get("labels")).values().stream()
                .map(value -> expand((String) value, matcher)).toList();
        assertThat(labels).contains(first, second);
        assertThat(alertExpressions()).contains(metric);
    }

    @Test
    void kafkaAndConnectExportThroughTheirConfigMaps() {
        Map<String, Object> kafka = Manifests.map(Manifests.map(rendered.get("Kafka", "cdc").get("spec")).get("kafka"));
        Map<String, Object> connect = Manifests.map(rendered.get("KafkaConnect", "cdc").get("spec"));
        for (Map<String, Object> metrics : List.of(Manifests.map(kafka.get("metricsConfig")),
                Manifests.map(connect.get("metricsConfig")))) {
            assertThat(metrics.get("type")).isEqualTo("jmxPrometheusExporter");
            Map<String, Object> reference = Manifests.map(Manifests.map(metrics.get("valueFrom")).get("configMapKeyRef"));
            assertThat(exporterConfig((String) reference.get("name"), (String) reference.get("key"))).containsKey("rules");
        }
        assertThat(Manifests.map(rendered.get("Kafka", "cdc").get("spec"))).containsKey("kafkaExporter");
        assertThat(alertExpressions()).contains("kafka_consumergroup_lag");
    }

    private Map<String, Object> exporterConfig(String configMap, String key) {
        String yaml = rendered.configMap(configMap).orElseThrow().getData().get(key);
        assertThat(yaml).as(configMap + " " + key).isNotNull();
        return Manifests.readAll(yaml).get(0);
    }

    private String alertExpressions() {
        return Manifests.maps(Manifests.map(rendered.get("PrometheusRule", "cdc-platform").get("spec")).get("groups"))
                .stream().flatMap(group -> Manifests.maps(group.get("rules")).stream())
                .map(rule -> String.valueOf(rule.get("expr"))).reduce("", String::concat);
    }

    /** The exporter's $1, $2 … from the pattern's groups. */
    private static String expand(String template, Matcher matcher) {
        String result = template;
        for (int group = matcher.groupCount(); group >= 1; group--) {
            result = result.replace("$" + group, matcher.group(group) == null ? "" : matcher.group(group));
        }
        return result;
    }
}
