package com.shop.cdc.common.sink.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * An S3Proxy of the tests' own (never the stack's), on a free port, its filesystem backend under a folder of the
 * test: it can be stopped and started again on the same port with the same objects.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "lake-access";
    static final String SECRET_KEY = "lake-secret";
    static final String BUCKET = "lake";

    private final Path dir;
    private final int port;
    private Process process;

    S3ProxyServer(Path dir) {
        this.dir = dir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts it and waits until it answers; the bucket is a folder of the backend. */
    S3ProxyServer start() throws IOException, InterruptedException {
        String jar = System.getProperty("lake.s3proxy.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy's jar-with-dependencies is missing (" + jar + "): run dev/stack up once");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve(BUCKET));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + data, ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx128m", "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start; see " + dir.resolve("s3proxy.log"));
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** Stops it; its objects stay for the next start. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
