package io.wsingest.uploadapi;

import java.time.Instant;

/**
 * An upload as the protocol shows it (the {@code instance} of replies and events): a snapshot, safe to use outside
 * the transaction that read it.
 */
record UploadView(String id, String owner, UploadStatus status, String imagePath, String imageHash,
                  String contentType, long size, Instant createdAt, Instant updatedAt, String rawText,
                  String processedText, String error) {
}
