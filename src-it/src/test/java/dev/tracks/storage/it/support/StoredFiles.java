package dev.tracks.storage.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists what the disk driver has written, so a test can compare the disk before and after a
 * request that must store nothing.
 */
public final class StoredFiles {

    private StoredFiles() {
    }

    /**
     * Returns every regular file under {@code root}, hidden temporary files included, as paths
     * relative to it; empty when the root does not exist yet.
     */
    public static Set<Path> under(Path root) {
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the files under " + root, e);
        }
    }
}
