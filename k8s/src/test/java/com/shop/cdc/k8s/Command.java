package com.shop.cdc.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the tools the checks depend on (kubectl, promtool). A missing tool fails the check:
 * dev/test installs them, and a check that silently did not run would pass for the wrong reason.
 */
final class Command {

    private static final long TIMEOUT_SECONDS = 120;

    private Command() {
    }

    record Result(int exitCode, String output, String errors) {
    }

    static Result run(List<String> command) {
        try {
            Path output = Files.createTempFile("command", ".out");
            Path errors = Files.createTempFile("command", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(errors.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " cannot be run (dev/test installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The standard output of a command that must succeed. */
    static String succeed(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n"
                    + result.output() + result.errors());
        }
        return result.output();
    }
}
