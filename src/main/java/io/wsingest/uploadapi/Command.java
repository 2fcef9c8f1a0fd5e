package io.wsingest.uploadapi;

import java.util.Map;

import jakarta.json.JsonValue;

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

    /**
     * The user's uploads, newest first: all of them, or the page {@code offset}/{@code limit} when the client sent
     * either ({@code paged}).
     */
    record ListUploads(int offset, int limit, boolean paged) implements Command {

        static ListUploads all() {
            return new ListUploads(0, Integer.MAX_VALUE, false);
        }
    }

    record Retrieve(String id) implements Command {
    }

    /**
     * Changes the writable fields: {@code status} back to {@code pending} (run OCR again) or {@code processed_text}.
     * The instance may come back whole, as a REST client sends it: a field equal to its stored value changes
     * nothing, so the service compares {@code status}, {@code processed_text} and the read-only fields with the
     * upload.
     *
     * @param status            the status sent, or null
     * @param setsProcessedText whether {@code processed_text} was given (it may be set to null)
     * @param readOnly          the read-only fields sent, which must equal the stored ones
     */
    record Update(String id, String status, boolean setsProcessedText, String processedText,
                  Map<String, JsonValue> readOnly) implements Command {

        public Update {
            readOnly = Map.copyOf(readOnly);
        }
    }

    record Delete(String id) implements Command {
    }
}
