package io.wsingest.uploadapi;

import java.io.IOException;

import io.wsingest.storage.SpoolFile;

/** What became of a message's {@code data.image_base64} value, which is decoded while it arrives. */
sealed interface StreamedImage {

    /**
     * The decoded bytes, in a spool file of the blob store.
     *
     * @param head the first bytes (up to {@link MessageReader#HEAD_BYTES}), for sniffing the content type
     */
    record Decoded(SpoolFile spool, long size, byte[] head) implements StreamedImage {

        /** Deletes the spool file unless it has been stored (then there is nothing left to delete). */
        void discard() {
            try {
                spool.discard();
            } catch (IOException e) {
                // A leftover spool file costs disk only; the store's spool cleaning removes it.
            }
        }
    }

    /** The value was not accepted; the message is the error to report on {@code image_base64}. */
    record Failed(String message) implements StreamedImage {
    }
}
