package io.wsingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A deployment's blob store in a directory of its own on {@code /dev/shm}, with the free-disk reserve
 * ({@code wsingest.storage.min-free-bytes}) a given headroom below that file system's free space, for tests that
 * drive writes into the reserve. A tmpfs, because the disk traffic of other builds on the machine does not move its
 * free space, unlike the disk under {@code target/}, where it changes by hundreds of MiB a minute.
 *
 * @param minFreeBytes the reserve the deployment gets
 */
public record TmpfsStore(Path dir, long minFreeBytes) {

    public static TmpfsStore withHeadroom(String prefix, long headroom) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/dev/shm"), prefix);
        return new TmpfsStore(dir, Files.getFileStore(dir).getUsableSpace() - headroom);
    }

    /** The settings that put the deployment's store here, then {@code more}. */
    public String[] settings(String... more) {
        Stream<String> store = Stream.of("wsingest.storage.dir=" + dir,
                "wsingest.storage.min-free-bytes=" + minFreeBytes);
        return Stream.concat(store, Stream.of(more)).toArray(String[]::new);
    }

    /** Deletes the directory and everything in it: a tmpfs holds its files in memory. */
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
