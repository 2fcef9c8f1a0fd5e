package io.wsingest.storage;

import java.io.IOException;

/** The store refused new data because the disk would be left with less free space than the configured minimum. */
public class StorageFullException extends IOException {

    private static final long serialVersionUID = 1L;

    public StorageFullException(String message) {
        super(message);
    }
}
