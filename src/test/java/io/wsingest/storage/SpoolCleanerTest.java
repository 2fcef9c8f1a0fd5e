package io.wsingest.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared clean-up of resumable uploads without a container: a real store on disk, a protocol in memory. */
class SpoolCleanerTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration EXPIRY = Duration.ofHours(1);

    @TempDir
    Path root;

    private FileSystemBlobStore blobs;
    private SpoolCleaner cleaner;

    @BeforeEach
    void openStore() throws IOException {
        blobs = new FileSystemBlobStore(new StorageSettings(root, 0, Duration.ZERO, Duration.ofDays(1),
                Long.MAX_VALUE, Duration.ofMinutes(5)));
        cleaner = new SpoolCleaner();
        cleaner.blobs = blobs;
    }

    /** A protocol whose uploads are a name and when they were last used; names with its prefix are its spools. */
    private static class Protocol implements ResumableSpools<String> {
        final String prefix;
        final Map<String, Instant> lastUsed = new LinkedHashMap<>();
        final Set<String> held = new HashSet<>();
        final List<Instant> cutoffsAsked = new ArrayList<>();
        Runnable whileReadingRecords = () -> { };

        Protocol(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String name() {
            return prefix + "uploads";
        }

        @Override
        public String spoolPrefix() {
            return prefix;
        }

        @Override
        public Duration expiresAfter() {
            return EXPIRY;
        }

        @Override
        public List<String> unusedSince(Instant cutoff, int limit) {
            cutoffsAsked.add(cutoff);
            return lastUsed.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff)).map(Map.Entry::getKey)
                    .limit(limit).toList();
        }

        @Override
        public boolean expire(String upload, Instant cutoff, Instant now) {
            return !held.contains(upload) && lastUsed.remove(upload) != null;
        }

        @Override
        public String spoolName(String upload) {
            return prefix + upload;
        }

        @Override
        public String describeExpired(String upload) {
            return "Upload " + upload + " expired";
        }

        @Override
        public Set<String> spoolNamesInUse() {
            whileReadingRecords.run();
            Set<String> names = new HashSet<>();
            lastUsed.keySet().forEach(upload -> names.add(spoolName(upload)));
            return names;
        }
    }

    private void spool(String name) throws IOException {
        blobs.createSpool(name).close();
    }

    private Protocol protocolWith(String prefix, Map<String, Instant> uploads) throws IOException {
        Protocol protocol = new Protocol(prefix);
        protocol.lastUsed.putAll(uploads);
        for (String upload : uploads.keySet()) {
            spool(protocol.spoolName(upload));
        }
        return protocol;
    }

    @Test
    void expiresUploadsUnusedForLongerThanTheProtocolAllowsWithTheirSpoolFiles() throws IOException {
        Protocol protocol = protocolWith("a-", Map.of("old", NOW.minus(EXPIRY).minusSeconds(1),
                "fresh", NOW.minus(EXPIRY).plusSeconds(60)));

        assertEquals(1, cleaner.expire(protocol, NOW));

        assertEquals(List.of(NOW.minus(EXPIRY)), protocol.cutoffsAsked);
        assertEquals(Set.of("fresh"), protocol.lastUsed.keySet());
        assertEquals(List.of("a-fresh"), blobs.spoolNames());
    }

    @Test
    void keepsTheSpoolFileOfAnUploadTheProtocolDoesNotLetExpire() throws IOException {
        Protocol protocol = protocolWith("a-", Map.of("connected", NOW.minus(Duration.ofDays(2))));
        protocol.held.add("connected");

        assertEquals(0, cleaner.expire(protocol, NOW));

        assertEquals(List.of("a-connected"), blobs.spoolNames());
    }

    @Test
    void deletesTheProtocolsSpoolFilesNoUploadRefersToAndNoOthers() throws IOException {
        Protocol protocol = protocolWith("a-", Map.of("live", NOW));
        spool("a-orphan");
        spool("b-orphan");
        spool("other-protocol");

        assertEquals(1, cleaner.deleteOrphans(protocol));

        assertEquals(List.of("a-live", "b-orphan", "other-protocol"), blobs.spoolNames());
    }

    @Test
    void aSpoolFileCreatedWhileTheRecordsAreReadIsNoOrphan() throws IOException {
        Protocol protocol = protocolWith("a-", Map.of());
        spool("a-orphan");
        protocol.whileReadingRecords = () -> {
            // A new upload: its record was written just after the records were read, then its spool file created.
            try {
                spool("a-new");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        assertEquals(1, cleaner.deleteOrphans(protocol));

        assertEquals(List.of("a-new"), blobs.spoolNames());
    }

    @Test
    void eachProtocolIsCleanedWithItsOwnExpiryAndPrefix() throws IOException {
        Protocol a = protocolWith("a-", Map.of("old", NOW.minus(Duration.ofDays(1))));
        Protocol b = protocolWith("b-", Map.of("old", NOW.minus(Duration.ofDays(1))));
        b.held.add("old");
        spool("b-orphan");

        cleaner.clean(a, NOW);
        cleaner.clean(b, NOW);

        assertEquals(List.of("b-old"), blobs.spoolNames());
    }

    @Test
    void aFailingProtocolIsLoggedAndThrowsNothing() throws IOException {
        Protocol failing = new Protocol("a-") {
            @Override
            public List<String> unusedSince(Instant cutoff, int limit) {
                throw new IllegalStateException("the database is down");
            }
        };
        spool("a-orphan");

        cleaner.clean(failing, NOW);

        assertTrue(blobs.spoolNames().contains("a-orphan"), "the pass stops at the failure");
    }
}
