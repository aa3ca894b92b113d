package com.shop.cdc.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own on 127.0.0.1, never the machine's: stopped, hung and
 * started again at will. PostgreSQL refuses to run as root, so its tools run as {@code postgres}
 * in a folder that user owns. Known by its data folder alone, so any class loader's instance can act
 * on it.
 */
final class PrivatePostgres {

    private final int port;
    private final Path dir;

    PrivatePostgres(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** A new cluster, trusting local connections (it listens on 127.0.0.1 only). */
    void init() {
        Commands.run(log(), "chown", "postgres:postgres", dir.toString());
        asPostgres(tool("initdb"), "-D", data().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
    }

    /**
     * Started and accepting connections. fsync is off: an immediate stop is not a crash of the machine,
     * so every committed transaction is still in the kernel's cache when the server starts again.
     */
    void start() {
        asPostgres(tool("pg_ctl"), "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start");
    }

    /** Refused: every process ends at once, as in a crash; the next start recovers from the WAL. */
    void stopImmediately() {
        asPostgres(tool("pg_ctl"), "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    /**
     * Hung: the postmaster first (so it forks nothing new), then every backend and helper stopped;
     * connections open and new ones accepted by the kernel, no answer to any.
     */
    void hang() {
        long postmaster = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        Commands.signal(log(), "STOP", List.of(postmaster));
        Commands.signal(log(), "STOP", children(postmaster));
    }

    void resume() {
        long postmaster = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        Commands.signal(log(), "CONT", children(postmaster));
        Commands.signal(log(), "CONT", List.of(postmaster));
    }

    /** Removes the cluster and its files, whatever state it was left in. */
    void destroy() throws IOException {
        Optional<Long> postmaster = postmaster();
        if (postmaster.isPresent()) {
            List<Long> all = new ArrayList<>(children(postmaster.get()));
            all.add(postmaster.get());
            all.forEach(pid -> Commands.status(log(), "kill", "-CONT", Long.toString(pid)));
            Commands.status(log(), "runuser", "-u", "postgres", "--", tool("pg_ctl"), "-D", data().toString(),
                    "-m", "immediate", "-w", "stop");
        }
        TempDirs.delete(dir);
    }

    /** The running postmaster's pid, from the first line of its pid file. */
    private Optional<Long> postmaster() {
        Path pidFile = data().resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).isPresent() ? Optional.of(pid) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> children(long postmaster) {
        return ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
    }

    private void asPostgres(String... command) {
        String[] wrapped = new String[command.length + 4];
        wrapped[0] = "runuser";
        wrapped[1] = "-u";
        wrapped[2] = "postgres";
        wrapped[3] = "--";
        System.arraycopy(command, 0, wrapped, 4, command.length);
        Commands.run(log(), wrapped);
    }

    /** A tool of the newest PostgreSQL installed. */
    private static String tool(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin").resolve(name).toString())
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private Path log() {
        return dir.resolve("commands.log");
    }
}
