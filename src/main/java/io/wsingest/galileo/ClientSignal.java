package io.wsingest.galileo;

import java.util.Objects;

/** A TEXT message from the client, as {@link GalileoCodec} decoded it. File data arrives as BINARY messages. */
public sealed interface ClientSignal
        permits ClientSignal.Metadata, ClientSignal.Finished, ClientSignal.Unreadable {

    /**
     * {@code {"name": …, "size": …}}: the file about to be sent. Other keys are ignored.
     *
     * @param name the client's file name as sent, null when absent; only ever used, sanitised, for display
     * @param size the announced size in bytes, never negative ({@link Long#MAX_VALUE} for anything larger)
     */
    record Metadata(String name, long size) implements ClientSignal {

        public Metadata {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative: " + size);
            }
        }
    }

    /**
     * {@code {"finished": true}}, optionally with {@code "hash": {"type": …, "value": …}}: the client sent the whole
     * file.
     *
     * @param hash the client's hash of the file, null when it sent none
     */
    record Finished(ClaimedHash hash) implements ClientSignal {
    }

    /** The hash a client claims for its file; the type is checked by the session, not the codec. */
    record ClaimedHash(String type, String value) {

        public ClaimedHash {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A message that is not a signal the protocol knows, with the error to report. */
    record Unreadable(GalileoError.Failure failure) implements ClientSignal {

        public Unreadable {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
