package io.wsingest.storage;

/**
 * What a protocol knows about a file it is about to store.
 *
 * @param fileName  display name only (made safe with {@link DisplayNames}), never used as a path
 * @param projectId null when the file belongs to the user alone
 */
public record NewFile(String fileName, String ownerId, String projectId, FileSource source) {
}
