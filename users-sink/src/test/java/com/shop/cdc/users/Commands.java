package com.shop.cdc.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end with its output appended to a log file: a server it starts must not hold
 * the build's output pipe open, or the build would wait for that server forever.
 */
final class Commands {

    private static final long TIMEOUT_SECONDS = 180;

    private Commands() {
    }

    static void run(Path log, String... command) {
        int status = status(log, command);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status + "; see " + log);
        }
    }

    /** The command's exit status. */
    static int status(Path log, String... command) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " still running after "
                        + TIMEOUT_SECONDS + " s; see " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}) to processes; the tests run as root. */
    static void signal(Path log, String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        run(log, command.toArray(String[]::new));
    }
}
