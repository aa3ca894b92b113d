package com.shop.cdc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a native build needs and no native toolchain here can check: the profile, every class-path
 * resource the code reads at run time, and images that match the Deployments.
 */
class NativeImageTest {

    /** Where the JVM images read their flags (Dockerfile.jvm) and the Deployments mount them. */
    static final String JVM_OPTIONS = "/work/jvm/jvm.options";
    /** The modules a service's image is built from besides its own. */
    private static final List<String> LIBRARIES = List.of("core", "redis-target", "warehouse-target", "runtime", "domain-targets");
    /**
     * Services whose Deployment runs the JVM image, having no native one: lake-sink, whose Iceberg writer loads
     * Hadoop and the AWS SDK by reflection (k8s/README.md, "Native images").
     */
    static final Set<String> JVM_ONLY = Set.of("lake-sink");
    private static final Pattern RESOURCE_READ = Pattern.compile("getResourceAsStream\\(\"/?([^\"]+)\"");

    static List<String> services() {
        return ServiceModule.names();
    }

    @Test
    void nativeProfileBuildsAnExecutable() throws Exception {
        assertThat(nativeProperty("quarkus.native.enabled")).isEqualTo("true");
        assertThat(nativeProperty("quarkus.package.jar.enabled")).isEqualTo("false");
    }

    /** A native image holds only the resources it is told to; a missing one fails at run time, not at build. */
    @Test
    void everyResourceReadAtRunTimeIsInTheImage() throws Exception {
        List<Pattern> included = Arrays.stream(nativeProperty("quarkus.native.resources.includes").split(","))
                .map(NativeImageTest::glob).toList();
        List<String> read = new ArrayList<>();
        for (String module : deployedModules()) {
            Path sources = Rendered.MODULE.resolveSibling(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue; // a domain sink is configuration only: its code is the libraries'
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher matcher = RESOURCE_READ.matcher(Files.readString(file));
                    while (matcher.find()) {
                        read.add(matcher.group(1) + "any.file");
                    }
                }
            }
        }
        assertThat(read).isNotEmpty().allSatisfy(resource -> assertThat(included)
                .anySatisfy(pattern -> assertThat(resource).matches(pattern)));
        String corePom = Files.readString(Rendered.MODULE.resolveSibling("core").resolve("pom.xml"));
        if (corePom.contains("<artifactId>libphonenumber</artifactId>")) {
            assertThat("com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_US")
                    .matches(pattern -> included.stream().anyMatch(glob -> glob.matcher(pattern).matches()));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void imagesMatchTheDeployment(String service) throws IOException {
        Path docker = Rendered.MODULE.resolveSibling(service).resolve("src/main/docker");
        ServiceModule module = ServiceModule.of(service, Optional.empty());
        Deployment deployment = Rendered.of("prod").typed(Rendered.of("prod").get("Deployment", service), Deployment.class);
        boolean jvmOnly = JVM_ONLY.contains(service);
        assertThat(Files.isRegularFile(docker.resolve("Dockerfile.native"))).as("Dockerfile.native").isEqualTo(!jvmOnly);
        for (String name : jvmOnly ? List.of("Dockerfile.jvm") : List.of("Dockerfile.native", "Dockerfile.jvm")) {
            List<String> lines = Files.readAllLines(docker.resolve(name));
            assertThat(lines).as(name).contains("EXPOSE " + module.httpPort(), "WORKDIR /work/");
            assertThat(ServiceDeploymentTest.CONFIG_DIR).as("the mounted configuration is under the WORKDIR")
                    .isEqualTo("/work/config");
            String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
            assertThat(Long.parseLong(user.substring(5).trim())).as(name + " runs as a user").isPositive();
        }
        if (jvmOnly) {
            // The JVM image's start script runs under any user ID: the template's user stays.
            for (String overlay : Rendered.OVERLAYS) {
                Rendered rendered = Rendered.of(overlay);
                assertThat(ServiceDeploymentTest.single(rendered.typed(rendered.get("Deployment", service), Deployment.class))
                        .getImage()).as(overlay + ": the JVM image").endsWith("-jvm");
            }
            return;
        }
        String nativeUser = Files.readAllLines(docker.resolve("Dockerfile.native")).stream()
                .filter(line -> line.startsWith("USER ")).findFirst().orElseThrow().substring(5).trim();
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                .isEqualTo(Long.parseLong(nativeUser));
    }

    /**
     * One file of JVM flags: each JVM image copies base/services/jvm.options to the path its
     * JAVA_OPTS_APPEND reads as an argument file, and every Deployment mounts the same file there.
     */
    @ParameterizedTest
    @MethodSource("services")
    void jvmImagesReadTheSharedOptionsWhereTheClusterMountsThem(String service) throws IOException {
        List<String> lines = Files.readAllLines(Rendered.MODULE.resolveSibling(service).resolve("src/main/docker/Dockerfile.jvm"));
        assertThat(lines).contains("COPY --from=jvm --chown=185 jvm.options " + JVM_OPTIONS);
        assertThat(lines).filteredOn(line -> line.startsWith("ENV JAVA_OPTS_APPEND=")).as("JAVA_OPTS_APPEND")
                .singleElement().satisfies(line -> assertThat(line).startsWith("ENV JAVA_OPTS_APPEND=\"@" + JVM_OPTIONS));
        String shared = Files.readString(Rendered.MODULE.resolve("base/services/jvm.options"));
        for (String overlay : Rendered.OVERLAYS) {
            Rendered rendered = Rendered.of(overlay);
            Deployment deployment = rendered.typed(rendered.get("Deployment", service), Deployment.class);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            VolumeMount mount = ServiceDeploymentTest.single(deployment).getVolumeMounts().stream()
                    .filter(candidate -> JVM_OPTIONS.startsWith(candidate.getMountPath() + "/")).findFirst().orElseThrow();
            String name = ServiceDeploymentTest.volume(pod, mount).getConfigMap().getName();
            assertThat(rendered.configMap(name).orElseThrow().getData())
                    .containsEntry(JVM_OPTIONS.substring(mount.getMountPath().length() + 1), shared);
        }
    }

    private static List<String> deployedModules() {
        List<String> modules = new ArrayList<>(ServiceModule.names());
        modules.addAll(LIBRARIES);
        return modules;
    }

    /** Quarkus' include globs: `**` crosses folders, `*` does not. */
    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String text = glob.strip();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (text.charAt(i) == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(text.charAt(i))));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String nativeProperty(String name) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Rendered.MODULE.resolveSibling("pom.xml").toFile());
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if (profile.getElementsByTagName("id").item(0).getTextContent().equals("native")) {
                NodeList property = profile.getElementsByTagName(name);
                assertThat(property.getLength()).as(name).isEqualTo(1);
                return property.item(0).getTextContent().strip();
            }
        }
        throw new AssertionError("no native profile in the parent pom.xml");
    }
}
