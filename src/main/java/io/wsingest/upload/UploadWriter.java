package io.wsingest.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.wsingest.relay.Publication;
import io.wsingest.storage.SpoolFile;

/**
 * Where one connection writes its upload: the chain's spool file and, for a stream ({@code saveMedia=false}), the
 * project's live channel, which gets every byte the spool file gets. Used holding the connection's lock.
 */
final class UploadWriter {

    private static final Logger LOG = Logger.getLogger(UploadWriter.class.getName());

    /** Who writes, for the log. */
    private final Supplier<String> writer;
    private SpoolFile spool;
    private Publication relay;

    UploadWriter(Supplier<String> writer) {
        this.writer = writer;
    }

    /** Every byte written goes to {@code publication} too from now on; it ends when the writer closes. */
    void relayTo(Publication publication) {
        relay = publication;
    }

    /** The chain's bytes go into {@code opened} from now on. */
    void writeTo(SpoolFile opened) {
        spool = opened;
    }

    /** The spool file being written; null while there is none. */
    SpoolFile spool() {
        return spool;
    }

    void write(ByteBuffer data) throws IOException {
        ByteBuffer forRelay = data.duplicate();
        spool.append(data);
        if (relay != null) {
            relay.send(forRelay);
        }
    }

    /** Hands the spool file over to be stored or discarded, whatever happens then: the writer never touches it. */
    SpoolFile takeSpool() {
        SpoolFile taken = spool;
        spool = null;
        return taken;
    }

    /** Closes the spool file (what it holds stays for a resume) and ends the relay. Safe to call more than once. */
    void close() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, writer.get() + ": closing the spool file failed", e);
            }
            spool = null;
        }
        if (relay != null) {
            try {
                relay.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, writer.get() + ": closing the live publication failed", e);
            }
            relay = null;
        }
    }
}
