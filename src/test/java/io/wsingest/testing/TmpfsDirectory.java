package io.wsingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory of its own on {@code /dev/shm}, for a deployment's blob store in tests that move the free-disk reserve
 * ({@code wsingest.storage.min-free-bytes}): a tmpfs, whose free space the disk traffic of other builds on the machine
 * does not move, unlike the disk under {@code target/}, where it changes by hundreds of MiB a minute.
 */
public final class TmpfsDirectory {

    private TmpfsDirectory() {
    }

    public static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/dev/shm"), prefix);
    }

    /** Deletes the directory and everything in it: a tmpfs holds its files in memory. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
