package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's Deployment against its Quarkus configuration, and the objects that select its pods; the
 * console's too, where it is like them (ConsoleDeploymentTest for what only it has).
 */
class ServiceDeploymentTest {

    /** Where the images read cluster configuration (WORKDIR /work, Quarkus reads config/application.properties). */
    static final String CONFIG_DIR = "/work/config";
    private static final Pattern DEPENDENT_VARIABLE = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");

    static Stream<Arguments> services() {
        return Rendered.OVERLAYS.stream().flatMap(overlay -> ServiceModule.names().stream()
                .map(service -> Arguments.of(Rendered.of(overlay), service)));
    }

    /** The services and the console. */
    static Stream<Arguments> deployed() {
        return Stream.concat(services(), Rendered.OVERLAYS.stream()
                .map(overlay -> Arguments.of(Rendered.of(overlay), ServiceModule.CONSOLE)));
    }

    static ServiceModule module(Rendered rendered, Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Optional<String> mounted = container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(CONFIG_DIR)).findFirst()
                .map(mount -> volume(pod, mount).getConfigMap().getName())
                .flatMap(rendered::configMap).map(map -> map.getData().get("application.properties"));
        assertThat(mounted).as("application.properties mounted at " + CONFIG_DIR).isPresent();
        return ServiceModule.of(deployment.getMetadata().getName(), mounted);
    }

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void oneDeploymentPerServiceModule(String overlay) {
        assertThat(Rendered.of(overlay).deployments()).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(ServiceModule.names().stream(),
                        Stream.of(ServiceModule.CONSOLE)).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployed")
    void probesAndPortsMatchTheQuarkusConfiguration(Rendered rendered, String service) {
        Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
        ServiceModule module = module(rendered, deployment);
        Container container = single(deployment);
        assertThat(module.get("quarkus.http.host")).as("reachable from the kubelet and Prometheus").isEqualTo("0.0.0.0");
        assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(module.httpPort());
        assertProbe(container, container.getStartupProbe(), "/q/health/started", module.httpPort());
        assertProbe(container, container.getLivenessProbe(), "/q/health/live", module.httpPort());
        assertProbe(container, container.getReadinessProbe(), "/q/health/ready", module.httpPort());

        Service kubeService = rendered.typed(rendered.get("Service", service), Service.class);
        assertThat(kubeService.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(module.httpPort());
            assertThat(containerPort(container, port.getTargetPort())).isEqualTo(module.httpPort());
        });
        NetworkPolicy policy = rendered.typed(rendered.get("NetworkPolicy", service), NetworkPolicy.class);
        assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
                .extracting(port -> port.getPort().getIntVal()).containsOnly(module.httpPort());
        assertThat(policy.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
                .extracting(port -> port.getPort().getIntVal()).contains(kafkaPort(rendered), 53);
        if (!module.consumer()) {
            return; // the console exports no metrics
        }
        ServiceMonitor monitor = rendered.typed(rendered.get("ServiceMonitor", service), ServiceMonitor.class);
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
            assertThat(kubeService.getSpec().getPorts()).extracting(port -> port.getName()).contains(endpoint.getPort());
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployed")
    void labelsAndSelectorsPointAtThePods(Rendered rendered, String service) {
        Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertSelectsOnly(rendered, service, rendered.typed(rendered.get("Service", service), Service.class)
                .getSpec().getSelector());
        assertSelectsOnly(rendered, service, rendered.typed(rendered.get("NetworkPolicy", service),
                NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels());
        if (service.equals(ServiceModule.CONSOLE)) {
            return; // one pod, no metrics: no PodDisruptionBudget, no ServiceMonitor
        }
        assertSelectsOnly(rendered, service, rendered.typed(rendered.get("PodDisruptionBudget", service),
                PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
        Map<String, String> serviceLabels = rendered.typed(rendered.get("Service", service), Service.class)
                .getMetadata().getLabels();
        Map<String, String> monitorSelector = rendered.typed(rendered.get("ServiceMonitor", service),
                ServiceMonitor.class).getSpec().getSelector().getMatchLabels();
        assertThat(serviceLabels).containsAllEntriesOf(monitorSelector);
        assertThat(rendered.ofKind("Service").filter(other -> Manifests.map(Manifests.metadata(other).get("labels"))
                .entrySet().containsAll(monitorSelector.entrySet()))).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployed")
    void shutsDownGracefullyWithinTheGracePeriod(Rendered rendered, String service) {
        Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
        ServiceModule module = module(rendered, deployment);
        Container container = single(deployment);
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        Duration needed = Duration.ofSeconds(preStop).plus(module.shutdownTimeout());
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(Duration.ofSeconds(grace)).as("grace period beyond preStop + quarkus.shutdown.timeout")
                .isGreaterThan(needed);
        if (!module.consumer()) {
            return;
        }
        assertThat(module.get("mp.messaging.incoming.changes.graceful-shutdown")).isEqualTo("true");
        assertThat(module.get("mp.messaging.incoming.changes.partition.assignment.strategy"))
                .endsWith("CooperativeStickyAssignor");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployed")
    void runsNonRootReadOnlyWithResources(Rendered rendered, String service) {
        Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isPositive();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container container = single(deployment);
        SecurityContext security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(Optional.ofNullable(security.getRunAsUser()).orElse(podSecurity.getRunAsUser()))
                .as("the user the container runs as").isPositive();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getImage()).doesNotEndWith(":latest").contains(":");
        for (String resource : List.of("cpu", "memory")) {
            assertThat(container.getResources().getRequests()).containsKey(resource);
            assertThat(container.getResources().getLimits()).containsKey(resource);
        }
        // The only writable path is the emptyDir at /tmp (Vert.x and native-image temp files).
        assertThat(container.getVolumeMounts()).filteredOn(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
                .singleElement().satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/tmp");
                    assertThat(volume(pod, mount).getEmptyDir()).isNotNull();
                });
    }

    /** Every configuration value the service expands from the environment is set, secrets from Secrets. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployed")
    void environmentAndMountsResolve(Rendered rendered, String service) {
        Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = single(deployment);
        Set<String> provided = new HashSet<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            ConfigMap map = rendered.configMap(source.getConfigMapRef().getName()).orElseThrow(
                    () -> new AssertionError("no ConfigMap " + source.getConfigMapRef().getName()));
            provided.addAll(map.getData().keySet());
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                // $(NAME) expands only variables set before it (envFrom, then env in order).
                Matcher dependency = DEPENDENT_VARIABLE.matcher(variable.getValue());
                while (dependency.find()) {
                    assertThat(provided).as(variable.getName() + " expands " + dependency.group(1))
                            .contains(dependency.group(1));
                }
            }
            provided.add(variable.getName());
            if (variable.getValue() != null) {
                // A plain setting; a path in it names a file the pod mounts (a CA, a key).
                if (variable.getValue().startsWith("/")) {
                    assertMountedFile(rendered, pod, container, variable.getValue());
                }
                continue;
            }
            var secretRef = variable.getValueFrom().getSecretKeyRef();
            assertThat(rendered.secretKeys(secretRef.getName())).as("Secret " + secretRef.getName())
                    .hasValueSatisfying(keys -> assertThat(keys).contains(secretRef.getKey()));
        }
        ServiceModule module = module(rendered, deployment);
        // Every variable the configuration expands is set, defaults included: they are the local stack's.
        // CDC_WAREHOUSE_DIR only places DuckDB files; in the cluster CDC_WAREHOUSE_JDBC_URL replaces that URL.
        module.environmentReferences().stream().filter(variable -> !variable.equals("CDC_WAREHOUSE_DIR"))
                .forEach(variable -> assertThat(provided).as(service + " needs " + variable).contains(variable));
        if (module.properties().containsKey("cdc.warehouse.jdbc-url")) {
            assertThat(provided).contains("CDC_WAREHOUSE_JDBC_URL", "CDC_WAREHOUSE_DIALECT");
        }
        if (module.environmentReferences().contains("CDC_HASH_SALT")) {
            assertThat(container.getEnv()).filteredOn(variable -> variable.getName().equals("CDC_HASH_SALT"))
                    .singleElement().satisfies(variable -> assertThat(variable.getValueFrom().getSecretKeyRef()).isNotNull());
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null) {
                assertThat(rendered.secretKeys(volume.getSecret().getSecretName())).isPresent();
            }
            if (volume.getConfigMap() != null) {
                assertThat(rendered.configMap(volume.getConfigMap().getName())).isPresent();
            }
        }
        if (!module.consumer()) {
            return; // the console: its Kafka settings are ConsoleDeploymentTest's
        }
        assertThat(module.get("kafka.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(module.get("kafka.bootstrap.servers")).isEqualTo("${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}");
        String truststore = module.get("kafka.ssl.truststore.location");
        VolumeMount caMount = container.getVolumeMounts().stream()
                .filter(mount -> truststore.startsWith(mount.getMountPath() + "/")).findFirst().orElseThrow();
        Volume ca = volume(pod, caMount);
        String caFile = truststore.substring(caMount.getMountPath().length() + 1);
        assertThat(ca.getSecret().getItems()).anySatisfy(item -> assertThat(item.getPath()).isEqualTo(caFile));
    }

    /**
     * The file at {@code path} is an item of a Secret or ConfigMap volume mounted read-only, and that
     * Secret or ConfigMap exists with the key.
     */
    static void assertMountedFile(Rendered rendered, PodSpec pod, Container container, String path) {
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(candidate -> path.startsWith(candidate.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        assertThat(mount.getReadOnly()).as(path).isTrue();
        String file = path.substring(mount.getMountPath().length() + 1);
        Volume volume = volume(pod, mount);
        if (volume.getSecret() != null) {
            String key = itemKey(volume.getSecret().getItems(), file);
            assertThat(rendered.secretKeys(volume.getSecret().getSecretName())).as("Secret of " + path)
                    .hasValueSatisfying(keys -> assertThat(keys).contains(key));
        } else {
            String key = itemKey(volume.getConfigMap().getItems(), file);
            assertThat(rendered.configMap(volume.getConfigMap().getName())).as("ConfigMap of " + path)
                    .hasValueSatisfying(map -> assertThat(map.getData()).containsKey(key));
        }
    }

    /** The key a volume puts at {@code file}: the item with that path, or the key of that name without items. */
    private static String itemKey(List<KeyToPath> items, String file) {
        if (items == null || items.isEmpty()) {
            return file;
        }
        return items.stream().filter(item -> item.getPath().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + file)).getKey();
    }

    /** The port of the bootstrap address the services get in the cluster (`host:port`). */
    private static int kafkaPort(Rendered rendered) {
        String bootstrap = rendered.configMap("cdc-platform").orElseThrow().getData().get("KAFKA_BOOTSTRAP_SERVERS");
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    private static void assertSelectsOnly(Rendered rendered, String service, Map<String, String> selector) {
        assertThat(selector).isNotEmpty();
        assertThat(rendered.deployments()).filteredOn(deployment -> deployment.getSpec().getTemplate().getMetadata()
                .getLabels().entrySet().containsAll(selector.entrySet()))
                .extracting(deployment -> deployment.getMetadata().getName()).containsExactly(service);
    }

    private static void assertProbe(Container container, Probe probe, String path, int port) {
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(containerPort(container, get.getPort())).isEqualTo(port);
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port " + port.getStrVal()))
                .getContainerPort();
    }

    static Container single(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        assertThat(deployment.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
        return containers.get(0);
    }

    static Volume volume(PodSpec pod, VolumeMount mount) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
    }
}
