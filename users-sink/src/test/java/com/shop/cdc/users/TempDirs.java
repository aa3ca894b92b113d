package com.shop.cdc.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folders of the private servers: made under the system's temporary folder, removed whole once their
 * logs are copied to {@code target/chaos}, where a failed run can still be read.
 */
final class TempDirs {

    private static final Path LOGS = Path.of("target", "chaos");

    private TempDirs() {
    }

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        Path logs = Files.createDirectories(LOGS);
        for (Path path : paths) {
            if (path.getFileName().toString().endsWith(".log") && Files.isRegularFile(path)) {
                Files.copy(path, logs.resolve(dir.getFileName() + "-" + path.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
