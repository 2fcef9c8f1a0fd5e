package io.wsingest.upload;

/**
 * The handshake object of protocol A: the server sends it first, the client answers with the same object filled in.
 * On the wire its keys are PascalCase ({@code IsInitialized}, {@code FileName}, {@code BufferSize},
 * {@code TotalFileSize}, {@code CurrentFileOffset}); see {@link FileStateInfoJson}.
 *
 * @param isInitialized     whether the project has an upload the client can continue
 * @param fileName          the upload's file name; null when there is none
 * @param bufferSize        the largest data message the server accepts
 * @param totalFileSize     the file's size, or null when it is not known (a stream)
 * @param currentFileOffset bytes the server holds; in the client's answer, where the client continues (or 0 to start)
 */
public record FileStateInfo(boolean isInitialized, String fileName, int bufferSize, Long totalFileSize,
                            long currentFileOffset) {
}
