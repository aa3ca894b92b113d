package com.shop.cdc.search;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Stops and starts one server of the local stack ({@code dev/stack stop|start NAME}); output goes to target/dev-stack.log. */
public final class DevStack {

    private DevStack() {
    }

    public static void stop(String server) {
        run("stop", server);
    }

    public static void start(String server) {
        run("start", server);
    }

    private static void run(String command, String server) {
        try {
            Process process = new ProcessBuilder("bash", "dev/stack", command, server)
                    .directory(new File("..").getCanonicalFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/dev-stack.log"))).start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("dev/stack " + command + " " + server + " failed; see target/dev-stack.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("dev/stack " + command + " " + server + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running dev/stack " + command, e);
        }
    }
}
