package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * File operations on the smoke tests' work folders, and the rule that a server whose start fails
 * is stopped before the failure propagates.
 */
final class WorkFolders {

    private WorkFolders() {
    }

    /**
     * Copies the files under {@code source} into {@code target}, replacing files of the same name.
     */
    static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Deletes {@code folder} and everything under it; does nothing when it does not exist.
     */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.delete(path);
            }
        }
    }

    /**
     * Returns a text file's content, for failure messages.
     */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Runs {@code step}, and stops {@code process} before rethrowing when the step fails, so a
     * server that never became ready does not outlive its test class.
     */
    static void stopOnFailure(ServerProcess process, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error failure) {
            process.close();
            throw failure;
        }
    }
}
