package io.wsingest.storage;

/**
 * A blob the {@link BlobStore} holds.
 *
 * @param sha256 the blob id: lower-case hex SHA-256 of the content
 * @param size   content length in bytes
 */
public record BlobInfo(String sha256, long size) {
}
