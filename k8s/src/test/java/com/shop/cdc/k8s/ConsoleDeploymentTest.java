package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What only the console has: it reaches every service's API while the service is not ready, Connect's REST
 * API, the ledger and the services' `console` account as the services see them, its Ingress and its image.
 */
class ConsoleDeploymentTest {

    static final String CONSOLE = ServiceModule.CONSOLE;
    static final List<String> OVERLAYS = Rendered.OVERLAYS;
    private static final Pattern SERVICE_URL = Pattern.compile("console\\.services\\.([a-z0-9-]+)\\.url");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    /** The heap the image gives the console (Dockerfile.jvm), as it runs locally. */
    private static final long HEAP_MIB = 256;

    /**
     * A service whose target is down is not ready and leaves its Service: the console calls the API Services
     * that keep not-ready pods, each selecting that service's pods only, on its port, admitted both ways.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceUrlsReachEachServiceWhileItIsNotReady(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Deployment console = deployment(rendered, CONSOLE);
        Map<String, URI> urls = new TreeMap<>();
        ServiceModule module = ServiceDeploymentTest.module(rendered, console);
        module.properties().keySet().forEach(key -> {
            Matcher matcher = SERVICE_URL.matcher(key);
            if (matcher.matches()) {
                urls.put(matcher.group(1), URI.create(module.get(key)));
            }
        });
        assertThat(urls.keySet()).containsExactlyInAnyOrderElementsOf(ServiceModule.names());
        Map<String, String> consolePods = console.getSpec().getTemplate().getMetadata().getLabels();
        NetworkPolicy consolePolicy = rendered.typed(rendered.get("NetworkPolicy", CONSOLE), NetworkPolicy.class);
        urls.forEach((service, url) -> {
            Deployment deployment = deployment(rendered, service);
            int port = ServiceDeploymentTest.module(rendered, deployment).httpPort();
            String host = url.getHost().split("\\.")[0];
            assertThat(url.getHost()).as(service).isIn(host, host + "." + namespace(rendered) + ".svc");
            Service api = rendered.typed(rendered.get("Service", host), Service.class);
            assertThat(api.getSpec().getPublishNotReadyAddresses()).as(host + " publishes not-ready pods").isTrue();
            Map<String, String> pods = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(rendered.deployments()).filteredOn(candidate -> candidate.getSpec().getTemplate().getMetadata()
                    .getLabels().entrySet().containsAll(api.getSpec().getSelector().entrySet()))
                    .extracting(candidate -> candidate.getMetadata().getName()).as(host + " selects").containsExactly(service);
            assertThat(pods).containsAllEntriesOf(api.getSpec().getSelector());
            ServicePort servicePort = api.getSpec().getPorts().stream().filter(candidate -> candidate.getPort() == url.getPort())
                    .findFirst().orElseThrow(() -> new AssertionError(host + ": no port " + url.getPort()));
            assertThat(ServiceDeploymentTest.single(deployment).getPorts())
                    .filteredOn(candidate -> candidate.getName().equals(servicePort.getTargetPort().getStrVal()))
                    .singleElement().satisfies(target -> assertThat(target.getContainerPort()).isEqualTo(port));
            NetworkPolicy policy = rendered.typed(rendered.get("NetworkPolicy", service), NetworkPolicy.class);
            assertThat(policy.getSpec().getIngress()).as(service + " admits the console").anySatisfy(rule -> {
                assertThat(ports(rule.getPorts())).contains(port);
                assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(selects(peer, consolePods)).isTrue());
            });
            assertThat(consolePolicy.getSpec().getEgress()).as("the console may call " + service).anySatisfy(rule -> {
                assertThat(ports(rule.getPorts())).contains(port);
                assertThat(rule.getTo()).anySatisfy(peer -> assertThat(selects(peer, pods)).isTrue());
            });
        });
    }

    /** Connect through the REST API Service Strimzi creates for KafkaConnect `cdc`, admitted both ways. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void connectIsStrimzisRestApiService(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        ServiceModule module = ServiceDeploymentTest.module(rendered, deployment(rendered, CONSOLE));
        URI connect = URI.create(module.get("console.connect.url"));
        String cluster = Manifests.name(rendered.ofKind("KafkaConnect").findFirst().orElseThrow());
        assertThat(connect.getHost()).isEqualTo(cluster + "-connect-api");
        assertThat(connect.getPort()).isEqualTo(8083);
        NetworkPolicy policy = rendered.typed(rendered.get("NetworkPolicy", CONSOLE), NetworkPolicy.class);
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(ports(rule.getPorts())).contains(8083));
        // Strimzi's policy admits only its operator to the REST API: another policy must admit the console.
        Map<String, String> workers = Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "KafkaConnect");
        Map<String, String> consolePods = deployment(rendered, CONSOLE).getSpec().getTemplate().getMetadata().getLabels();
        assertThat(rendered.ofKind("NetworkPolicy").map(manifest -> rendered.typed(manifest, NetworkPolicy.class))
                .filter(candidate -> workers.entrySet().containsAll(candidate.getSpec().getPodSelector().getMatchLabels().entrySet()))
                .flatMap(candidate -> candidate.getSpec().getIngress().stream()))
                .as("a policy admitting the console to Connect's REST API").anySatisfy(rule -> {
                    assertThat(ports(rule.getPorts())).contains(connect.getPort());
                    assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(selects(peer, consolePods)).isTrue());
                });
    }

    /**
     * The ledger and the services' `console` account from the same Secrets and keys as the services; the
     * bootstrap admin and the session key from a Secret of the console's.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void credentialsComeFromSecretsAsTheServicesGetThem(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Deployment console = deployment(rendered, CONSOLE);
        Container container = ServiceDeploymentTest.single(console);
        Container service = ServiceDeploymentTest.single(rendered.serviceDeployments().get(0));
        for (String variable : List.of("CDC_LEDGER_USER", "CDC_LEDGER_PASSWORD", "CDC_CONSOLE_PASSWORD")) {
            assertThat(env(container, variable).getValueFrom().getSecretKeyRef()).as(variable)
                    .isEqualTo(env(service, variable).getValueFrom().getSecretKeyRef());
        }
        // The services' ledger endpoint, as JDBC: one setting of the overlay for both.
        assertThat(env(container, "CONSOLE_LEDGER_JDBC_URL").getValue()).isEqualTo("jdbc:$(CDC_LEDGER_URL)");
        assertThat(rendered.configMap("cdc-platform").orElseThrow().getData()).containsKey("CDC_LEDGER_URL");
        ServiceModule module = ServiceDeploymentTest.module(rendered, console);
        assertThat(module.get("quarkus.datasource.jdbc.url")).contains("${CONSOLE_LEDGER_JDBC_URL");
        for (String property : List.of("console.admin.password", "quarkus.http.auth.session.encryption-key")) {
            Matcher reference = ENVIRONMENT.matcher(module.get(property));
            assertThat(reference.matches()).as(property + " from the environment, without a default").isTrue();
            assertThat(env(container, reference.group(1)).getValueFrom().getSecretKeyRef().getName()).as(property)
                    .isEqualTo("cdc-console");
        }
    }

    /**
     * The lag over the brokers' SASL_SSL listener, as the services connect: the pod admitted by the listener and let
     * out to it, the cluster CA mounted where the truststore setting points, and a KafkaUser of its own that may only
     * describe, exactly the groups the console asks about and the topics they consume.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void lagIsReadWithAKafkaUserOfItsOwnThatOnlyDescribes(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Deployment console = deployment(rendered, CONSOLE);
        Container container = ServiceDeploymentTest.single(console);
        ServiceModule module = ServiceDeploymentTest.module(rendered, console);
        assertThat(module.get("console.kafka.security-protocol")).isEqualTo("SASL_SSL");
        assertThat(module.get("console.kafka.sasl-mechanism")).isEqualTo("SCRAM-SHA-512");
        ServiceDeploymentTest.assertMountedFile(rendered, console.getSpec().getTemplate().getSpec(), container,
                module.get("console.kafka.ssl-truststore-location"));

        Map<String, Object> kafka = rendered.ofKind("Kafka").findFirst().orElseThrow();
        Map<String, Object> listener = Manifests.maps(Manifests.map(Manifests.map(kafka.get("spec")).get("kafka"))
                .get("listeners")).get(0);
        Map<String, String> pods = console.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(Manifests.maps(listener.get("networkPolicyPeers"))).as("the listener admits the console")
                .anySatisfy(peer -> Manifests.map(Manifests.map(peer.get("podSelector")).get("matchLabels"))
                        .forEach((label, value) -> assertThat(pods).containsEntry(label, (String) value)));
        NetworkPolicy policy = rendered.typed(rendered.get("NetworkPolicy", CONSOLE), NetworkPolicy.class);
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(ports(rule.getPorts()))
                .contains((Integer) listener.get("port")));

        Matcher jaas = ENVIRONMENT.matcher(module.get("console.kafka.sasl-jaas-config"));
        assertThat(jaas.matches()).as("console.kafka.sasl-jaas-config from the environment").isTrue();
        String user = env(container, jaas.group(1)).getValueFrom().getSecretKeyRef().getName();
        List<Map<String, Object>> acls = Manifests.maps(Manifests.map(Manifests.map(
                rendered.get("KafkaUser", user).get("spec")).get("authorization")).get("acls"));
        assertThat(acls).allSatisfy(acl -> {
            assertThat(Manifests.strings(acl.get("operations"))).containsExactly("Describe");
            assertThat(Manifests.map(acl.get("resource")).get("patternType")).isEqualTo("literal");
        });
        Set<String> groups = new TreeSet<>();
        Set<String> topics = new TreeSet<>();
        for (Deployment service : rendered.serviceDeployments()) {
            ServiceModule consumer = ServiceDeploymentTest.module(rendered, service);
            String name = service.getMetadata().getName();
            assertThat(module.properties().getOrDefault("console.services." + name + ".group", name))
                    .as("the group the console asks about for " + name).isEqualTo(consumer.group());
            groups.add(consumer.group());
            topics.addAll(consumer.topics());
        }
        assertThat(resources(acls, "group")).isEqualTo(groups);
        assertThat(resources(acls, "topic")).isEqualTo(topics);
    }

    /** One pod: replay jobs live in its memory. Prod reaches it through an Ingress over TLS, dev by port-forward. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onePodBehindItsServiceAndInProdAnIngress(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        assertThat(deployment(rendered, CONSOLE).getSpec().getReplicas()).isEqualTo(1);
        Service service = rendered.typed(rendered.get("Service", CONSOLE), Service.class);
        if (!overlay.equals("prod")) {
            assertThat(rendered.ofKind("Ingress")).isEmpty();
            return;
        }
        Ingress ingress = rendered.typed(rendered.get("Ingress", CONSOLE), Ingress.class);
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        assertThat(ingress.getSpec().getRules()).flatExtracting(rule -> rule.getHttp().getPaths()).isNotEmpty()
                .allSatisfy(path -> {
                    assertThat(path.getBackend().getService().getName()).isEqualTo(CONSOLE);
                    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                            .contains(path.getBackend().getService().getPort().getName());
                });
    }

    /** The JVM image (no native one), its port and user, and a memory limit with room beside the heap. */
    @Test
    void imageMatchesTheDeployment() throws IOException {
        Path docker = Rendered.MODULE.resolveSibling(CONSOLE).resolve("src/main/docker");
        assertThat(docker.resolve("Dockerfile.native")).doesNotExist();
        List<String> lines = Files.readAllLines(docker.resolve("Dockerfile.jvm"));
        ServiceModule module = ServiceModule.of(CONSOLE, Optional.empty());
        assertThat(lines).contains("EXPOSE " + module.httpPort(), "WORKDIR /work/");
        String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(Long.parseLong(user.substring(5).trim())).isPositive();
        assertThat(lines).filteredOn(line -> line.startsWith("ENV JAVA_OPTS_APPEND=")).singleElement()
                .satisfies(line -> assertThat(line).contains("-Xmx" + HEAP_MIB + "m"));
        for (String overlay : OVERLAYS) {
            Container container = ServiceDeploymentTest.single(deployment(Rendered.of(overlay), CONSOLE));
            assertThat(container.getImage()).as(overlay).endsWith("-jvm");
            long limit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValueExact();
            assertThat(limit).as("heap plus at least as much again").isGreaterThanOrEqualTo(2 * HEAP_MIB << 20);
        }
    }

    private static Deployment deployment(Rendered rendered, String name) {
        return rendered.typed(rendered.get("Deployment", name), Deployment.class);
    }

    private static String namespace(Rendered rendered) {
        return Manifests.name(rendered.ofKind("Namespace").findFirst().orElseThrow());
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + ": no " + name));
    }

    private static Set<String> resources(List<Map<String, Object>> acls, String type) {
        return acls.stream().map(acl -> Manifests.map(acl.get("resource"))).filter(resource -> type.equals(resource.get("type")))
                .map(resource -> (String) resource.get("name")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Integer> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(port -> port.getPort().getIntVal()).toList();
    }

    /** A peer in the policy's own namespace whose pod selector matches pods with these labels. */
    private static boolean selects(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                && labels.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet());
    }
}
