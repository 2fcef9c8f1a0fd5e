package io.wsingest.uploadapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a client's {@code image_path} names a file the server may import: an absolute path without
 * {@code ..}, lexically inside one of the configured import directories, whose real path (every symbolic link
 * resolved) is still inside one of them, and which is a regular, readable file. A path outside every import directory
 * is refused before the file system is asked anything about it, so the answer never tells whether such a file exists.
 */
final class ImportPathGuard {

    /** Why a path was refused; the message is for the client. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static final String DISABLED = "Importing server-side files is not enabled on this server.";
    static final String NOT_ABSOLUTE = "Must be an absolute path inside an import directory.";
    static final String PARENT_SEGMENT = "Must not contain '..'.";
    static final String OUTSIDE = "Not inside an import directory.";
    static final String NOT_FOUND = "File not found.";
    static final String NOT_A_FILE = "Not a regular file.";
    static final String NOT_READABLE = "File not readable.";
    static final String INVALID = "Not a valid path.";

    private final List<Path> importDirs;

    /** @param importDirs absolute directories; they need not exist (then nothing is importable from them) */
    ImportPathGuard(List<Path> importDirs) {
        this.importDirs = importDirs.stream().map(Path::normalize).toList();
    }

    boolean enabled() {
        return !importDirs.isEmpty();
    }

    /** The real path of the file to import. */
    Path check(String requested) throws Refused {
        if (!enabled()) {
            throw new Refused(DISABLED);
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new Refused(INVALID);
        }
        if (!path.isAbsolute()) {
            throw new Refused(NOT_ABSOLUTE);
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                throw new Refused(PARENT_SEGMENT);
            }
        }
        Path normal = path.normalize();
        if (importDirs.stream().noneMatch(dir -> normal.startsWith(dir) && !normal.equals(dir))) {
            throw new Refused(OUTSIDE);
        }
        Path real;
        try {
            real = normal.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused(NOT_FOUND);
        } catch (IOException e) {
            throw new Refused(NOT_READABLE);
        }
        if (importDirs.stream().map(ImportPathGuard::realDirectory).flatMap(Optional::stream)
                .noneMatch(dir -> real.startsWith(dir) && !real.equals(dir))) {
            // A symbolic link inside an import directory that leads out of all of them.
            throw new Refused(OUTSIDE);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(NOT_A_FILE);
        }
        if (!Files.isReadable(real)) {
            throw new Refused(NOT_READABLE);
        }
        return real;
    }

    private static Optional<Path> realDirectory(Path dir) {
        try {
            return Optional.of(dir.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
