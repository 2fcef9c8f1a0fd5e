package io.wsingest.streamreq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.storage.DisplayNames;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.storage.StorageFullException;
import io.wsingest.storage.StoredFile;
import io.wsingest.streamreq.Negotiation.Refuse;
import io.wsingest.streamreq.StreamService.Declined;
import io.wsingest.streamreq.StreamService.Failed;
import io.wsingest.streamreq.StreamService.Lost;
import io.wsingest.streamreq.StreamService.Opened;
import io.wsingest.streamreq.StreamService.Opening;
import io.wsingest.streamreq.StreamService.Paused;
import io.wsingest.streamreq.StreamService.Progress;
import io.wsingest.streamreq.StreamService.Stored;

/**
 * One authenticated connection to {@code /ws/stream}: its routes, and the stream it is sending, if any. Turns
 * requests and binary data into response packets. The container calls a connection from one thread at a time.
 *
 * <p>Routes: {@code /files} lists the user's stored files; {@code /upload-file} takes a stream, or a small file
 * inline in its payload, and stores it as a file of the user.
 */
final class StreamConnection {

    static final String FILES = "/files";
    static final String UPLOAD_FILE = "/upload-file";

    private static final Logger LOG = Logger.getLogger(StreamConnection.class.getName());
    /** Looked up once: {@code Json.create…} finds the provider again on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String userId;
    private final StreamService streams;
    private final FileCatalog files;
    private final Router router;
    private final int inlineMaxBytes;

    /** The stream this connection is sending, with the request id of the request that opened it. */
    private OpenStream current;
    private String currentRequestId;
    /** The rest of a binary message that was refused is ignored, not refused part by part. */
    private boolean skippingMessage;
    /**
     * The connection's stream paused (the final packet told the client why): data the client sent before it read
     * that is ignored, not refused message by message, until its next packet.
     */
    private boolean ignoringPausedData;

    StreamConnection(String userId, StreamService streams, FileCatalog files, int inlineMaxBytes) {
        this.userId = userId;
        this.streams = streams;
        this.files = files;
        this.inlineMaxBytes = inlineMaxBytes;
        this.router = new Router(Map.of(
                FILES, route(false, this::listFiles),
                UPLOAD_FILE, route(true, this::uploadFile)));
    }

    List<Packet> onText(String text) {
        ignoringPausedData = false;
        Packet request;
        try {
            request = PacketCodec.decode(text);
        } catch (BadPacketException e) {
            LOG.info(() -> "Bad packet from user " + LogText.escape(userId) + ": " + LogText.escape(e.getMessage()));
            return List.of(Packet.error(Status.BAD_PACKET, e.getMessage()));
        }
        return router.dispatch(request);
    }

    List<Packet> onBinary(ByteBuffer part, boolean last) {
        if (skippingMessage) {
            skippingMessage = !last;
            return List.of();
        }
        if (current == null) {
            skippingMessage = !last;
            if (ignoringPausedData) {
                return List.of();
            }
            LOG.info(() -> "Binary data without a stream from user " + LogText.escape(userId));
            return List.of(Packet.error(Status.STREAM_DATA_ERROR,
                    "no stream in progress on this connection; offer one with x-stream first"));
        }
        OpenStream stream = current;
        Progress progress = streams.receive(stream, part, last, this);
        if (progress instanceof StreamService.Receiving) {
            return List.of();
        }
        current = null;
        skippingMessage = !last;
        ignoringPausedData = progress instanceof Paused;
        return List.of(Router.echo(finalPacket(stream, progress), stream.route, currentRequestId));
    }

    /** Whether a stream is arriving on this connection: then the clock does not end it. */
    boolean streaming() {
        return current != null && streams.isReceivingFor(current, this);
    }

    /** The connection closed: a stream in progress stays resumable. */
    void closed() {
        if (current != null) {
            streams.release(current, this);
            current = null;
        }
    }

    /**
     * The server shuts down: a stream in progress is made durable and let go, as when the connection closes; the
     * packet tells the client the stream's key and the offset it resumes from.
     */
    Packet shuttingDown() {
        OpenStream stream = current;
        current = null;
        OptionalLong durable = stream == null ? OptionalLong.empty() : streams.releaseForShutdown(stream, this);
        if (durable.isEmpty()) {
            return StreamReplies.shuttingDown(null, 0);
        }
        LOG.info(() -> "Stream paused by the shutdown at " + durable.getAsLong() + " bytes (user "
                + LogText.escape(userId) + ", route " + stream.route + ", stream " + StreamKeys.prefix(stream.key) + ")");
        return Router.echo(StreamReplies.shuttingDown(stream.key, durable.getAsLong()), stream.route, currentRequestId);
    }

    private List<Packet> listFiles(Packet request) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        files.listByOwner(userId).forEach(file -> list.add(fileJson(file)));
        return List.of(Packet.response(Status.OK).withPayload(list.build().toString()));
    }

    private List<Packet> uploadFile(Packet request) {
        String formatHeader = request.header(Headers.DATA_FORMAT).orElse(null);
        Optional<DataFormat> format = Optional.ofNullable(formatHeader).flatMap(DataFormat::parse);
        DataFormat answerFormat = format.orElse(DataFormat.BYTES);
        if (formatHeader != null && format.isEmpty()) {
            return refused(Status.STREAM_REFUSED, "data-format must be bytes, text or json", answerFormat);
        }
        Optional<String> xStream = request.header(Headers.X_STREAM);
        // Beside x-stream a payload means nothing (the document writes "payload: -" there) and is ignored.
        if (xStream.isEmpty() && request.payload() != null) {
            return List.of(storeInline(request, answerFormat).with(Headers.DATA_FORMAT, answerFormat.wire()));
        }
        Optional<String> key = request.header(Headers.X_STREAM_KEY);
        if (key.isPresent() && xStream.filter(XStream::isAbandon).isPresent()) {
            return List.of(abandon(key.get(), answerFormat));
        }
        if (current != null && !streams.isReceivingFor(current, this)) {
            // Resumed (or abandoned) on another connection meanwhile: this one is free for a new stream.
            current = null;
        }
        if (current != null) {
            return refused(Status.STREAM_REFUSED, "a stream is already in progress on this connection",
                    answerFormat);
        }
        XStream.Offer offer;
        try {
            offer = XStream.parseOffer(xStream.orElse(null));
        } catch (BadHeaderException e) {
            return refused(Status.STREAM_REFUSED, e.getMessage(), answerFormat);
        }
        Opening opening;
        try {
            if (key.isPresent()) {
                opening = streams.resume(userId, key.get(), UPLOAD_FILE, offer, format, this);
            } else {
                opening = streams.start(userId, UPLOAD_FILE, offer, answerFormat, fileName(request, answerFormat),
                        this);
            }
        } catch (StorageFullException e) {
            LOG.warning(() -> "Stream refused, storage full (user " + LogText.escape(userId) + ", route "
                    + UPLOAD_FILE + ", stream " + StreamKeys.prefix(key.orElse(null)) + "): " + e.getMessage());
            return refused(Status.STORAGE_EXHAUSTED, "the server's disk is full", answerFormat);
        } catch (IOException | RuntimeException e) {
            Incident incident = Incident.log(LOG, "Could not open a stream (user " + LogText.escape(userId)
                    + ", route " + UPLOAD_FILE + ", stream " + StreamKeys.prefix(key.orElse(null)) + ")", e);
            return refused(Status.INTERNAL_ERROR, "the server could not open the stream (ref " + incident.ref() + ")",
                    answerFormat);
        }
        if (opening instanceof Declined declined) {
            return List.of(declined(declined, answerFormat, key.orElse(null)));
        }
        OpenStream stream = ((Opened) opening).stream();
        current = stream;
        currentRequestId = request.header(Headers.REQUEST_ID).orElse(null);
        List<Packet> replies = new ArrayList<>();
        replies.add(key.isPresent()
                ? StreamReplies.resumed(stream.key, stream.transfer, stream.format)
                : StreamReplies.accepted(stream.key, stream.transfer, stream.format));
        if (stream.transfer.state() == StreamTransfer.State.RECEIVED) {
            current = null;
            replies.add(finalPacket(stream, streams.completeReceived(stream)));
        }
        return replies;
    }

    /** The client gives its stream up ({@code x-stream: -1} with the stream's key): its data is deleted. */
    private Packet abandon(String key, DataFormat format) {
        Opening opening;
        try {
            opening = streams.abandon(userId, key, UPLOAD_FILE);
        } catch (IOException | RuntimeException e) {
            Incident incident = Incident.log(LOG, "Could not abandon a stream (user " + LogText.escape(userId)
                    + ", route " + UPLOAD_FILE + ", stream " + StreamKeys.prefix(key) + ")", e);
            return StreamReplies.refused(Status.INTERNAL_ERROR, "the server could not abandon the stream (ref "
                    + incident.ref() + ")", format);
        }
        if (opening instanceof Declined declined) {
            return declined(declined, format, key);
        }
        return StreamReplies.abandoned(key, ((StreamService.Abandoned) opening).missing());
    }

    /** A file sent whole in the payload: stored as a complete stream is, or refused. */
    private Packet storeInline(Packet request, DataFormat format) {
        byte[] content;
        try {
            content = InlineFile.decode(format, request.payload(), inlineMaxBytes);
        } catch (BadHeaderException e) {
            LOG.info(() -> "Inline file refused (user " + LogText.escape(userId) + ", route " + UPLOAD_FILE + "): "
                    + LogText.escape(e.getMessage()));
            return Packet.error(Status.STREAM_REFUSED, e.getMessage());
        }
        Progress outcome;
        try {
            outcome = streams.storeInline(userId, format, fileName(request, format), content);
        } catch (QuotaExceededException e) {
            LOG.info(() -> "Inline file refused (user " + LogText.escape(userId) + ", route " + UPLOAD_FILE + "): "
                    + e.getMessage());
            return Packet.error(Status.STORAGE_EXHAUSTED, "the user's storage quota has room for " + e.freeBytes()
                    + " bytes");
        } catch (StorageFullException e) {
            LOG.warning(() -> "Inline file refused, storage full (user " + LogText.escape(userId) + ", route "
                    + UPLOAD_FILE + "): " + e.getMessage());
            return Packet.error(Status.STORAGE_EXHAUSTED, "the server's disk is full");
        } catch (IOException | RuntimeException e) {
            Incident incident = Incident.log(LOG, "Could not store an inline file (user " + LogText.escape(userId)
                    + ", route " + UPLOAD_FILE + ")", e);
            return Packet.error(Status.INTERNAL_ERROR, "the server could not store the file (ref " + incident.ref()
                    + ")");
        }
        if (outcome instanceof Failed failed) {
            return Packet.error(failed.status(), failed.reason());
        }
        return StreamReplies.storedInline(fileJson(((Stored) outcome).file()).toString());
    }

    /** The stored file's display name: the request's {@code file-name}, or one by the data's format. */
    private static String fileName(Packet request, DataFormat format) {
        return DisplayNames.of(request.header(Headers.FILE_NAME).orElse(null), "upload." + format.extension());
    }

    private Packet declined(Declined declined, DataFormat format, String key) {
        Refuse refuse = declined.answer();
        LOG.info(() -> "Stream refused (user " + LogText.escape(userId) + ", route " + UPLOAD_FILE + ", stream "
                + StreamKeys.prefix(key) + "): " + LogText.escape(refuse.reason()));
        return StreamReplies.refused(refuse.status(), refuse.reason(), format);
    }

    private Packet finalPacket(OpenStream stream, Progress progress) {
        if (progress instanceof Stored stored) {
            return StreamReplies.stored(stream.key, fileJson(stored.file()).toString());
        }
        if (progress instanceof Failed failed) {
            return StreamReplies.failed(stream.key, failed.status(), failed.reason(), failed.missing());
        }
        if (progress instanceof Paused paused) {
            return StreamReplies.paused(stream.key, paused.status(), paused.reason(), paused.missing(),
                    paused.offset());
        }
        if (progress instanceof Lost) {
            return Packet.error(Status.STREAM_DATA_ERROR, "the stream was resumed on another connection")
                    .with(Headers.X_STREAM_KEY, stream.key);
        }
        throw new IllegalArgumentException("Not a final outcome: " + progress);
    }

    private static List<Packet> refused(Status status, String reason, DataFormat format) {
        return List.of(StreamReplies.refused(status, reason, format));
    }

    /** A stored file as the payload of {@code /files} and of a stream's final packet. */
    static JsonObject fileJson(StoredFile file) {
        return JSON.createObjectBuilder()
                .add("id", file.getId())
                .add("name", file.getFileName())
                .add("size", file.getSize())
                .add("sha256", file.getSha256())
                .add("source", file.getSource().name().toLowerCase(Locale.ROOT))
                .add("createdAt", file.getCreatedAt().toString())
                .build();
    }

    /** A route whose unexpected failures are logged with the user and answered with an internal error. */
    private Router.Route route(boolean takesStreams, Function<Packet, List<Packet>> handler) {
        return Router.Route.of(takesStreams, request -> {
            try {
                return handler.apply(request);
            } catch (RuntimeException e) {
                Incident incident = Incident.log(LOG, "Request failed (user " + LogText.escape(userId) + ", route "
                        + LogText.escape(request.header(Headers.ROUTE).orElse("-")) + ")", e);
                return List.of(Packet.error(Status.INTERNAL_ERROR,
                        "the server failed; try again later (ref " + incident.ref() + ")"));
            }
        });
    }
}
