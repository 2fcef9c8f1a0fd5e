package io.wsingest.galileo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.FileSource;
import io.wsingest.storage.NewFile;
import io.wsingest.storage.SpoolFile;
import io.wsingest.storage.UserQuota;

/**
 * GalileoSend files of one user (and, optionally, one project) in the shared store: the bytes are appended to a spool
 * file as they arrive, and a complete file is moved into the content-addressed store by the {@link FileCatalog}, where
 * every other protocol sees it.
 *
 * <p>The spool keeps a running SHA-256. A client asking for SHA-1 or MD5 instead has the spool read once more when it
 * finishes: hashing every upload three ways while it arrives would cost about four times the CPU of SHA-256 alone
 * (measured: SHA-256 and SHA-1 near 1.4 GB/s, MD5 near 0.65 GB/s on one core), for a check the original clients never
 * ask for.
 */
final class CatalogStorage implements UploadStorage {

    private static final Logger LOG = Logger.getLogger(CatalogStorage.class.getName());
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final BlobStore blobs;
    private final FileCatalog catalog;
    private final UserQuota quota;
    private final String ownerId;
    private final String projectId;

    /** @param projectId null when the files belong to the user alone */
    CatalogStorage(BlobStore blobs, FileCatalog catalog, UserQuota quota, String ownerId, String projectId) {
        this.blobs = blobs;
        this.catalog = catalog;
        this.quota = quota;
        this.ownerId = ownerId;
        this.projectId = projectId;
    }

    @Override
    public PartialFile begin(long size) throws IOException {
        // The whole announced size, before any byte: the session refuses bytes past it.
        UserQuota.Reservation reservation = quota.reserve(ownerId, size);
        SpoolFile spool;
        try {
            spool = blobs.createTransientSpool("galileo");
        } catch (IOException | RuntimeException e) {
            reservation.release();
            throw e;
        }
        spool.chargeTo(reservation);
        return new Spooled(spool);
    }

    private final class Spooled implements PartialFile {

        private final SpoolFile spool;

        Spooled(SpoolFile spool) {
            this.spool = spool;
        }

        @Override
        public void append(ByteBuffer data) throws IOException {
            spool.append(data);
        }

        @Override
        public String digest(HashType type) throws IOException {
            if (type == HashType.SHA256) {
                return spool.sha256();
            }
            MessageDigest digest = type.newDigest();
            byte[] buffer = new byte[READ_BUFFER_BYTES];
            try (InputStream in = spool.newInputStream()) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public String keep(String displayName) throws IOException {
            return catalog.store(spool, new NewFile(displayName, ownerId, projectId, FileSource.GALILEO)).getId();
        }

        @Override
        public void discard() {
            try {
                spool.discard();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot delete the spool file " + spool.name() + " of a failed upload", e);
            }
        }
    }
}
