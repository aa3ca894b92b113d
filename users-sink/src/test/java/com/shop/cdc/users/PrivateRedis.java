package com.shop.cdc.users;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Redis server of the test's own on 127.0.0.1, never the machine's: killed, hung and restarted at
 * will. Its append-only file lives in its folder, so a server killed and started again keeps what it
 * had acknowledged. Known by its pid file alone, so any class loader's instance can act on it.
 */
final class PrivateRedis {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final Path dir;

    PrivateRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    int port() {
        return port;
    }

    void start() {
        Commands.run(log(), "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--save", "", "--daemonize", "yes",
                "--pidfile", pidFile().toString(), "--logfile", dir.resolve("redis.log").toString());
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(this::answers);
    }

    /** Refused: the process killed outright, as a crash would; connections are reset, new ones refused. */
    void kill() {
        Commands.signal(log(), "KILL", List.of(pid()));
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> !accepts());
    }

    /** Hung: the process stopped; the kernel still accepts connections, nothing answers them. */
    void hang() {
        Commands.signal(log(), "STOP", List.of(pid()));
    }

    void resume() {
        Commands.signal(log(), "CONT", List.of(pid()));
    }

    /** Whether PING gets PONG within a second. */
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the server and its files, whatever state it was left in. */
    void destroy() throws IOException {
        if (Files.exists(pidFile())) {
            long pid = pid();
            if (ProcessHandle.of(pid).isPresent()) {
                Commands.status(log(), "kill", "-CONT", Long.toString(pid));
                Commands.status(log(), "kill", "-KILL", Long.toString(pid));
            }
        }
        TempDirs.delete(dir);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pidFile() {
        return dir.resolve("redis.pid");
    }

    private Path log() {
        return dir.resolve("commands.log");
    }
}
