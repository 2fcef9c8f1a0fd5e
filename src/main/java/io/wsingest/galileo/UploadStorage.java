package io.wsingest.galileo;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where {@link GalileoSession} puts a file's bytes while they arrive, and keeps the file once it is complete and
 * checked: spool files and the file catalogue in the server ({@link CatalogStorage}), memory in tests. A
 * {@link io.wsingest.storage.StorageFullException} means the disk is full, a
 * {@link io.wsingest.storage.QuotaExceededException} that the user's quota has no room for the file, any other
 * failure that storage failed.
 */
public interface UploadStorage {

    /** A new, empty place for one file of {@code size} bytes, reserved of the user's quota. */
    PartialFile begin(long size) throws IOException;

    /** One file while it arrives. Used by one connection at a time. */
    interface PartialFile {

        /** Appends all remaining bytes of {@code data}, consuming it. */
        void append(ByteBuffer data) throws IOException;

        /** The hash of all bytes appended, as lower-case hex. */
        String digest(HashType type) throws IOException;

        /**
         * Keeps the complete file under its display name; this consumes the partial file.
         *
         * @return the stored file's id
         */
        String keep(String displayName) throws IOException;

        /** Drops the bytes; safe to call again, and after a failed {@link #keep}. Never throws. */
        void discard();
    }
}
