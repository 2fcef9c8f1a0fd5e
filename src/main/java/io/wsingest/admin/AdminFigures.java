package io.wsingest.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.wsingest.cluster.ThisNode;
import io.wsingest.logging.Incident;
import io.wsingest.ocr.OcrService;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.StorageSettings;
import io.wsingest.storage.StoredTotals;
import io.wsingest.websocket.ConnectionGuard;

/**
 * Takes one sample of the figures the operator page shows, from where they are kept today: the connection guard
 * (connections of A to D), the store's records (files stored by A to D), the live relay (E), the OCR queue and the
 * blob store's file system. The one place that knows those sources.
 */
@ApplicationScoped
public class AdminFigures {

    private static final Logger LOG = Logger.getLogger(AdminFigures.class.getName());

    /**
     * Protocols A to D: how the connection guard names them (each endpoint's {@code PROTOCOL}) and how the store
     * records their files.
     */
    private record GuardedProtocol(String letter, String name, String guardName, FileSource source) {
    }

    private static final List<GuardedProtocol> GUARDED = List.of(
            new GuardedProtocol("A", "resumable upload", "upload", FileSource.UPLOAD),
            new GuardedProtocol("B", "GalileoSend", "galileo", FileSource.GALILEO),
            new GuardedProtocol("C", "Stream Requests", "stream", FileSource.STREAM),
            new GuardedProtocol("D", "Upload API", "uploadapi", FileSource.UPLOAD_API));

    @Inject
    ConnectionGuard guard;

    @Inject
    StoredTotals stored;

    @Inject
    Instance<ProtocolFigureSource> selfCountingProtocols;

    @Inject
    OcrService ocr;

    @Inject
    BlobStore blobs;

    @Inject
    StorageSettings storage;

    @Inject
    ThisNode node;

    private final Clock clock = Clock.systemUTC();

    public Figures sample() {
        Map<String, Long> open = guard.openConnections();
        Map<FileSource, StoredTotals.Totals> files = stored.bySource();
        List<ProtocolFigures> protocols = new ArrayList<>();
        for (GuardedProtocol p : GUARDED) {
            StoredTotals.Totals totals = files.get(p.source());
            protocols.add(new ProtocolFigures(p.letter(), p.name(), open.getOrDefault(p.guardName(), 0L),
                    totals.files(), totals.bytes()));
        }
        selfCountingProtocols.forEach(source -> protocols.add(source.figures()));
        protocols.sort(Comparator.comparing(ProtocolFigures::protocol));
        Figures.Ocr queue = new Figures.Ocr(ocr.waitingCount(), ocr.runningCount(), ocr.settings().workers(),
                ocr.settings().queueLimit());
        return new Figures(clock.instant(), node.name(), protocols, queue, disk());
    }

    private Figures.Disk disk() {
        try {
            return new Figures.Disk(blobs.usableSpace(), storage.minFreeBytes(), null);
        } catch (IOException e) {
            String ref = Incident.log(LOG, "Reading the blob store's free space failed", e).ref();
            return new Figures.Disk(null, storage.minFreeBytes(), "free space unreadable (ref " + ref + ")");
        }
    }
}
