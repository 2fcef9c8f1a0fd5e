package io.wsingest.upload;

import java.nio.ByteBuffer;

import io.wsingest.websocket.Disconnect;

/** What the {@link UploadExchange} decided; the endpoint carries it out. */
public sealed interface UploadStep {

    /** Nothing to do. */
    UploadStep IGNORE = new Ignore();
    /** Make the received bytes durable and report them. */
    UploadStep HEARTBEAT = new Heartbeat();
    /** The client's normal close ends an upload of unknown size: keep what was received. */
    UploadStep COMPLETE_STREAM = new CompleteStream();
    /** The client went away: make what was received durable; the upload can be resumed. */
    UploadStep INTERRUPT = new Interrupt();

    /** Send the server's {@link FileStateInfo}. */
    record Offer(FileStateInfo info) implements UploadStep {
    }

    /**
     * The handshake is accepted: start a new upload or resume the chain's, then send the first heartbeat.
     *
     * @param resume   false for a new upload
     * @param offset   where the data continues: 0, or the chain's durable offset
     * @param complete the upload is already whole (an empty file, or every byte was stored before): finish it now
     */
    record Begin(boolean resume, String fileName, Long totalSize, long offset, boolean complete)
            implements UploadStep {
    }

    /**
     * Append data at the end of the upload.
     *
     * @param complete these are the last bytes of a file of known size: store it and close
     */
    record Write(ByteBuffer data, boolean complete) implements UploadStep {
    }

    /** End the connection. */
    record Close(Disconnect disconnect) implements UploadStep {
    }

    record Ignore() implements UploadStep {
    }

    record Heartbeat() implements UploadStep {
    }

    record CompleteStream() implements UploadStep {
    }

    record Interrupt() implements UploadStep {
    }
}
