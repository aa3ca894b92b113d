package com.shop.cdc.search;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local 3-node Elasticsearch cluster of {@code dev/es-cluster} (127.0.0.1:9211-9213), started before
 * the service and removed after it stops, so a run ends with nothing of it left. A cluster that cannot
 * start fails the test: it is not skipped. Output goes to target/es-cluster.log.
 */
public class ElasticsearchCluster implements QuarkusTestResourceLifecycleManager {

    static final String HOSTS = "127.0.0.1:9211,127.0.0.1:9212,127.0.0.1:9213";

    @Override
    public Map<String, String> start() {
        up();
        return Map.of("quarkus.elasticsearch.hosts", HOSTS);
    }

    @Override
    public void stop() {
        run("down");
    }

    /** Starts the nodes that are not running and waits until the cluster is green with 3 nodes. */
    static void up() {
        run("up");
    }

    /** SIGKILL of node 1, 2 or 3 (es-1 … es-3): a crash. */
    static void kill(int node) {
        run("kill", Integer.toString(node));
    }

    private static void run(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = script().toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        String shown = "dev/es-cluster " + String.join(" ", arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/es-cluster.log"))).start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                throw new IllegalStateException(shown + " failed; see target/es-cluster.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException(shown + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + shown, e);
        }
    }

    /** dev/es-cluster of the repository these tests run in (from the module or the root). */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("dev/es-cluster");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new IllegalStateException("dev/es-cluster not found above " + Path.of("").toAbsolutePath());
    }
}
