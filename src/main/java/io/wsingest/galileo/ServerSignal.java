package io.wsingest.galileo;

import java.util.Objects;

/** A TEXT message the server sends, written as JSON by {@link GalileoCodec}. */
public sealed interface ServerSignal permits ServerSignal.Ready, ServerSignal.Error, ServerSignal.Close {

    /** {@code {"ready": true, "chunksize": N}}: send the next chunk, of at most {@code chunksize} bytes. */
    record Ready(int chunksize) implements ServerSignal {

        public Ready {
            if (chunksize < 1) {
                throw new IllegalArgumentException("chunksize must be positive: " + chunksize);
            }
        }
    }

    /** {@code {"error": "…", "fatal": true|false}}. */
    record Error(String error, boolean fatal) implements ServerSignal {

        public Error {
            Objects.requireNonNull(error, "error");
        }

        static Error of(GalileoError.Failure failure) {
            return new Error(failure.message(), failure.fatal());
        }
    }

    /** {@code {"close": true}}: the file is stored; the client closes the connection. */
    record Close() implements ServerSignal {
    }
}
