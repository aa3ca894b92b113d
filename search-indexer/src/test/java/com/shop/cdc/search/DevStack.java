package com.shop.cdc.search;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Stops, starts or signals one server of the local stack ({@code dev/stack stop|start NAME}, {@code kill
 * -SIGNAL} of the pid the stack keeps for it); output goes to target/dev-stack.log.
 */
public final class DevStack {

    private DevStack() {
    }

    public static void stop(String server) {
        run("stop", server);
    }

    public static void start(String server) {
        run("start", server);
    }

    /** Sends a signal (STOP to hang the server with its connections open, CONT to let it go on). */
    public static void signal(String server, String signal) {
        exec("bash", "-c", "kill -" + signal + " \"$(cat \"$(bash dev/stack paths | sed -n 's/^RUN //p')/" + server + ".pid\")\"");
    }

    private static void run(String command, String server) {
        exec("bash", "dev/stack", command, server);
    }

    private static void exec(String... command) {
        String shown = String.join(" ", command);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(new File("..").getCanonicalFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/dev-stack.log"))).start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(shown + " failed; see target/dev-stack.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException(shown + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + shown, e);
        }
    }
}
