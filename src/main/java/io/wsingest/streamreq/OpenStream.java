package io.wsingest.streamreq;

import io.wsingest.logging.LogText;
import io.wsingest.storage.SpoolFile;

/**
 * A stream receiving on this node: its spool file, its byte count, and the connection it belongs to. Only
 * {@link StreamService} touches it, always holding its monitor, because another connection may take the stream over
 * (resume) while its first connection is still delivering data.
 */
final class OpenStream {

    final String key;
    final String keyHash;
    final String ownerId;
    final String route;
    final DataFormat format;
    final String fileName;
    final String spoolName;
    final StreamTransfer transfer;
    final SpoolFile spool;
    final StreamConnection connection;
    /** True once the stream left this node's care: stored, failed, released or taken over. */
    boolean ended;

    OpenStream(String key, StreamRecord record, StreamTransfer transfer, SpoolFile spool, StreamConnection connection) {
        this.key = key;
        this.keyHash = record.getKeyHash();
        this.ownerId = record.getOwnerId();
        this.route = record.getRoute();
        this.format = record.getDataFormat();
        this.fileName = record.getFileName();
        this.spoolName = record.getSpoolName();
        this.transfer = transfer;
        this.spool = spool;
        this.connection = connection;
    }

    /** For logs: who, which route, which stream (a prefix of its key only). */
    String describe() {
        return "user " + LogText.escape(ownerId) + ", route " + LogText.escape(route) + ", stream "
                + StreamKeys.prefix(key);
    }
}
