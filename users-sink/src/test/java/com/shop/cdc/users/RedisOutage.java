package com.shop.cdc.users;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** Stops the stack's Redis and starts it again the way the stack does (it keeps nothing on disk). */
final class RedisOutage {

    private RedisOutage() {
    }

    static void stop() throws IOException, InterruptedException {
        new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave").inheritIO().start()
                .waitFor(); // the connection drops as the server goes: its exit status says nothing
        if (new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").start().waitFor() == 0) {
            throw new IllegalStateException("Redis is still answering after SHUTDOWN");
        }
    }

    /**
     * Output goes to a file, not to the test's own: the server the script leaves running would
     * otherwise hold the build's output pipe open, and the build would wait for it forever.
     */
    static void start() throws IOException, InterruptedException {
        File log = new File("target/redis-restart.log");
        Process process = new ProcessBuilder(Path.of("..", "dev", "stack").toString(), "up")
                .redirectErrorStream(true).redirectOutput(log).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("dev/stack up exited with " + process.exitValue() + "; see " + log);
        }
    }
}
