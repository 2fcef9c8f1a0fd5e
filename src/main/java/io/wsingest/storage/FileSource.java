package io.wsingest.storage;

/** The protocol a stored file arrived by. */
public enum FileSource {
    /** Protocol A, resumable project upload. */
    UPLOAD,
    /** Protocol B, GalileoSend. */
    GALILEO,
    /** Protocol C, Stream Requests. */
    STREAM,
    /** Protocol D, the Upload API. */
    UPLOAD_API
}
