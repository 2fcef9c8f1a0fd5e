package io.wsingest.uploadapi;

/** A client's command, decoded and checked as far as the message alone allows. */
sealed interface Command {

    /**
     * Acknowledges the socket's subscription (events flow from the moment the socket opens) and says where the user's
     * event stream stands. With {@code since} and {@code epoch}, first replays the events after {@code since}.
     *
     * @param since the seq of the last event the client saw, null for a plain subscribe
     * @param epoch the stream's epoch the client saw it in; given exactly when {@code since} is
     */
    record Subscribe(Long since, String epoch) implements Command {
    }

    /**
     * A new upload from exactly one content source: the streamed {@code image_base64}, or a server file
     * {@code image_path}, or content the user already stored {@code image_hash}. With base64 or a path the hash, when
     * given, must match the content.
     */
    record Create(StreamedImage.Decoded image, String imagePath, String imageHash) implements Command {
    }

    /** A page of the user's uploads, newest first. */
    record ListUploads(int offset, int limit) implements Command {
    }

    record Retrieve(String id) implements Command {
    }

    /**
     * Changes the writable fields: {@code status} back to {@code pending} (run OCR again) or {@code processed_text}.
     *
     * @param setsProcessedText whether {@code processed_text} was given (it may be set to null)
     */
    record Update(String id, boolean rerun, boolean setsProcessedText, String processedText) implements Command {
    }

    record Delete(String id) implements Command {
    }
}
