package io.wsingest.storage;

/**
 * The result of putting content into the {@link BlobStore}.
 *
 * @param sha256      the blob id: lower-case hex SHA-256 of the content
 * @param size        content length in bytes
 * @param newlyStored false if the store already held this content (the new copy was dropped)
 */
public record StoredBlob(String sha256, long size, boolean newlyStored) {
}
