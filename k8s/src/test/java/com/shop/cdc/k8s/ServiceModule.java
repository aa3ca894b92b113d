package com.shop.cdc.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service module's Quarkus configuration as it runs in the cluster, default profile only, in
 * Quarkus' order: runtime's shared META-INF/microprofile-config.properties, the module's packaged
 * application.properties, then the mounted file.
 */
record ServiceModule(String name, Map<String, String> properties) {

    /** The operators' console: deployed too, but no consumer (docs/console.md). */
    static final String CONSOLE = "console";
    private static final String CHANNEL_TOPICS = "mp.messaging.incoming.changes.topics";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([a-z0-9_.-]+)}");

    /** Every module of the parent build that consumes the `changes` channel: each is deployed. */
    static List<String> names() {
        try (Stream<Path> modules = Files.list(Rendered.MODULE.getParent())) {
            return modules.filter(module -> load(packaged(module)).containsKey(CHANNEL_TOPICS))
                    .map(module -> module.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceModule of(String name, Optional<String> mounted) {
        Map<String, String> packaged = load(packaged(Rendered.MODULE.resolveSibling(name)));
        // runtime's shared file is on a consumer's class path only (the console does not depend on runtime).
        Map<String, String> properties = new LinkedHashMap<>(packaged.containsKey(CHANNEL_TOPICS)
                ? load(Rendered.MODULE.resolveSibling("runtime").resolve("src/main/resources/META-INF/microprofile-config.properties"))
                : Map.of());
        properties.putAll(packaged);
        mounted.ifPresent(text -> properties.putAll(parse(new StringReader(text))));
        return new ServiceModule(name, properties);
    }

    /** The value with references to other properties expanded, as Quarkus does (environment references stay). */
    String get(String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new AssertionError(name + ": no " + key);
        }
        Matcher reference = PROPERTY_REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String referenced = reference.group(1);
            reference.appendReplacement(expanded, Matcher.quoteReplacement(
                    properties.containsKey(referenced) ? get(referenced) : reference.group()));
        }
        return reference.appendTail(expanded).toString();
    }

    /** Whether it consumes the `changes` channel: a service, not the console. */
    boolean consumer() {
        return properties.containsKey(CHANNEL_TOPICS);
    }

    int httpPort() {
        return Integer.parseInt(get("quarkus.http.port"));
    }

    String group() {
        return get("mp.messaging.incoming.changes.group.id");
    }

    Set<String> topics() {
        return new TreeSet<>(Arrays.asList(get("mp.messaging.incoming.changes.topics").split(",")));
    }

    Duration shutdownTimeout() {
        return Duration.parse("PT" + get("quarkus.shutdown.timeout").toUpperCase());
    }

    /** Environment variables the configuration expands (upper-case references, with or without a default). */
    Set<String> environmentReferences() {
        Set<String> references = new TreeSet<>();
        properties.values().forEach(value -> {
            Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                if (matcher.group(1).equals(matcher.group(1).toUpperCase())) {
                    references.add(matcher.group(1));
                }
            }
        });
        return references;
    }

    private static Path packaged(Path module) {
        return module.resolve("src/main/resources/application.properties");
    }

    private static Map<String, String> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Default-profile properties only: `%test.` and other profiles do not run in the cluster. */
    private static Map<String, String> parse(Reader reader) {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> result.put(key, properties.getProperty(key)));
        return result;
    }
}
