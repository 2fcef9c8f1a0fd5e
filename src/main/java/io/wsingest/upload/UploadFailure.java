package io.wsingest.upload;

import java.io.IOException;

/**
 * A failure this server words for the client: its message goes into the {@code 1011 Error: '…'} close. Any other
 * exception is an incident, and the client hears only its reference.
 */
class UploadFailure extends IOException {

    private static final long serialVersionUID = 1L;

    UploadFailure(String message) {
        super(message);
    }

    UploadFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
