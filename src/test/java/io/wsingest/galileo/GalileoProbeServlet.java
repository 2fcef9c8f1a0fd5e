package io.wsingest.galileo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.Sha256;
import io.wsingest.storage.StorageSettings;
import io.wsingest.storage.StoredFile;

/**
 * Deployed only by the integration tests: looks inside the server for the client-side tests.
 * <ul>
 * <li>{@code GET /test/galileo/files?owner=U}: U's stored files, each with the SHA-256 and size of the bytes actually
 * in the blob store (read back, not taken from the catalogue);</li>
 * <li>{@code GET /test/galileo/spools}: the names of the spool files of uploads in progress;</li>
 * <li>{@code GET /test/galileo/spools?await-gone=NAME}: waits (on file system events, at most 20 s) until that spool
 * file is gone, and answers whether it is.</li>
 * </ul>
 */
@WebServlet("/test/galileo/*")
public class GalileoProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @Inject
    FileCatalog catalog;

    @Inject
    BlobStore blobs;

    @Inject
    StorageSettings storage;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String json;
        try {
            if ("/files".equals(path)) {
                json = files(request.getParameter("owner"));
            } else if ("/spools".equals(path) && request.getParameter("await-gone") != null) {
                json = Json.createObjectBuilder().add("gone", awaitGone(request.getParameter("await-gone"))).build()
                        .toString();
            } else if ("/spools".equals(path)) {
                JsonArrayBuilder names = Json.createArrayBuilder();
                blobs.spoolNames().forEach(names::add);
                json = names.build().toString();
            } else {
                response.sendError(404);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(503);
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write(json);
    }

    private String files(String owner) throws IOException {
        JsonArrayBuilder files = Json.createArrayBuilder();
        for (StoredFile file : catalog.listByOwner(owner)) {
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (InputStream in = Channels.newInputStream(blobs.open(file.getSha256()))) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; size += n) {
                    digest.update(buffer, 0, n);
                }
            }
            var entry = Json.createObjectBuilder()
                    .add("id", file.getId())
                    .add("name", file.getFileName())
                    .add("size", file.getSize())
                    .add("sha256", file.getSha256())
                    .add("source", file.getSource().name())
                    .add("contentSha256", HexFormat.of().formatHex(digest.digest()))
                    .add("contentSize", size);
            if (file.getProjectId() == null) {
                entry.addNull("project");
            } else {
                entry.add("project", file.getProjectId());
            }
            files.add(entry);
        }
        return files.build().toString();
    }

    /** Registers for deletions before looking, so no deletion between the look and the wait is missed. */
    private boolean awaitGone(String name) throws IOException, InterruptedException {
        Path spoolDir = storage.dir().toAbsolutePath().resolve("spool");
        try (WatchService watcher = spoolDir.getFileSystem().newWatchService()) {
            spoolDir.register(watcher, StandardWatchEventKinds.ENTRY_DELETE);
            long deadline = System.nanoTime() + AWAIT.toNanos();
            while (blobs.spoolNames().contains(name)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            return true;
        }
    }
}
