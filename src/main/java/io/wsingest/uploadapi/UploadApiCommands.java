package io.wsingest.uploadapi;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import io.wsingest.events.EventHistory;
import io.wsingest.events.OutboxSubscriber;
import io.wsingest.events.StreamPosition;
import io.wsingest.events.UploadEvent;
import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.websocket.MessageSize;

/**
 * Carries out one message of a socket: decodes it, runs the command, and says what to send back. Every message gets
 * exactly one reply, with {@code type}; a refused command is an error reply and the socket stays open.
 */
@ApplicationScoped
class UploadApiCommands {

    private static final Logger LOG = Logger.getLogger(UploadApiCommands.class.getName());


    /**
     * The reply, and what to do once it is queued (start OCR, so the client hears of an upload before its status).
     *
     * @param deletedUploadId the upload the command deleted, whose events the session must not get after the reply;
     *                        null for other commands
     * @param replayed        the events a {@code subscribe} with {@code since} replays before the reply; null for none
     * @param latest          the seq the reply reports: held live events up to it go before the reply, later ones
     *                        after it ({@link OutboxSubscriber#answer}); for a reply that reports none, all go before
     */
    record Outcome(String reply, Runnable afterReply, String deletedUploadId, List<UploadEvent> replayed,
                   long latest) {

        Outcome(String reply, Runnable afterReply, String deletedUploadId) {
            this(reply, afterReply, deletedUploadId, null, Long.MAX_VALUE);
        }

        Outcome(String reply, Runnable afterReply) {
            this(reply, afterReply, null);
        }

        static Outcome reply(String reply) {
            return new Outcome(reply, () -> { });
        }
    }

    @Inject
    UploadService uploads;

    @Inject
    EventHistory history;

    @Inject
    UploadApiSettings settings;

    /**
     * @param events the socket's subscriber: a {@code subscribe} holds its live events while it reads the history,
     *               and the caller releases them with the reply ({@link OutboxSubscriber#answer})
     */
    Outcome handle(MessageReader.Incoming incoming, Caller caller, OutboxSubscriber events) {
        try {
            CommandDecoder.Request request = CommandDecoder.decode(incoming, caller.followedUploadId());
            return execute(request, caller, events);
        } catch (CommandRejected rejected) {
            return Outcome.reply(UploadApiCodec.error(rejected.replyType(), rejected.requestId(), rejected.errors()));
        } finally {
            // Stored by a create, the spool file is gone already; otherwise it is not needed.
            if (incoming.image() instanceof StreamedImage.Decoded decoded) {
                decoded.discard();
            }
        }
    }

    private Outcome execute(CommandDecoder.Request request, Caller caller, OutboxSubscriber events) {
        JsonValue requestId = request.requestId();
        Command command = request.command();
        String user = caller.userId();
        try {
            if (command instanceof Command.Subscribe subscribe) {
                return subscribe(requestId, subscribe, caller, events);
            }
            if (command instanceof Command.Create create) {
                UploadService.Created created = uploads.create(user, create, caller.sessionId());
                return new Outcome(UploadApiCodec.created(requestId, created.upload(), created.duplicate()),
                        created.duplicate() ? () -> { } : () -> uploads.startOcr(created.upload(), created.ocrJob()));
            }
            if (command instanceof Command.ListUploads list) {
                return Outcome.reply(list.paged()
                        ? UploadApiCodec.page(requestId, uploads.list(user, list.offset(), list.limit()), list.offset(),
                                list.limit(), uploads.count(user))
                        : UploadApiCodec.wholeList(requestId, uploads.listAll(user)));
            }
            if (command instanceof Command.Retrieve retrieve) {
                return Outcome.reply(UploadApiCodec.instanceReply(request.type(), requestId,
                        uploads.retrieve(user, retrieve.id())));
            }
            if (command instanceof Command.Update update) {
                UploadService.Updated updated = uploads.update(user, update, caller.sessionId());
                return new Outcome(UploadApiCodec.instanceReply(request.type(), requestId, updated.upload()),
                        updated.ocrJob() == null ? () -> { } : () -> uploads.startOcr(updated.upload(),
                                updated.ocrJob()));
            }
            Command.Delete delete = (Command.Delete) command;
            UploadView deleted = uploads.delete(user, delete.id(), caller.sessionId());
            return new Outcome(UploadApiCodec.instanceReply(request.type(), requestId, deleted), () -> { },
                    deleted.id());
        } catch (CommandRejected refused) {
            // Refused by the service: the reply answers the command it ran.
            return Outcome.reply(UploadApiCodec.error(request.type().replyType, requestId, refused.errors()));
        } catch (IOException | RuntimeException e) {
            Incident incident = Incident.log(LOG, "Upload API command " + request.type().wireName + " of "
                    + LogText.escape(user) + " failed", e);
            return Outcome.reply(UploadApiCodec.error(request.type().replyType, requestId,
                    Map.of(CommandRejected.NON_FIELD, internalError(incident))));
        }
    }

    /**
     * Says where the user's event stream stands and, with {@code since}, replays what the client missed. Live events
     * wait meanwhile, so none is lost, sent twice or sent out of order around the replay.
     */
    private Outcome subscribe(JsonValue requestId, Command.Subscribe subscribe, Caller caller,
                              OutboxSubscriber events) {
        if (!history.enabled()) {
            // Nothing is kept: a client that asks to catch up is told to list instead.
            return Outcome.reply(UploadApiCodec.subscribed(requestId, caller.followedUploadId(), null,
                    subscribe.since() == null ? null : Boolean.FALSE));
        }
        events.hold();
        if (subscribe.since() == null) {
            StreamPosition position = history.position(caller.userId());
            return new Outcome(UploadApiCodec.subscribed(requestId, caller.followedUploadId(), position, null),
                    () -> { }, null, null, position.seq());
        }
        EventHistory.Recovery recovery = history.recover(caller.userId(), caller.followedUploadId(), subscribe.since(),
                subscribe.epoch());
        List<UploadEvent> replayed = fitsTheOutbox(recovery.replayed()) ? recovery.replayed() : null;
        return new Outcome(UploadApiCodec.subscribed(requestId, caller.followedUploadId(), recovery.position(),
                replayed != null), () -> { }, null, replayed, recovery.position().seq());
    }

    /**
     * Whether a replay takes at most half of the socket's outbound bound: a larger one (long OCR texts) would close the
     * socket as too slow, and the client, reconnecting, would ask for it again. It lists instead.
     */
    private boolean fitsTheOutbox(List<UploadEvent> replayed) {
        if (replayed == null) {
            return false;
        }
        long bytes = replayed.stream().mapToLong(event -> MessageSize.of(event.json())).sum();
        return bytes <= settings.maxOutboundBytes() / 2;
    }

    /** The reply to a command the server failed: the incident's reference, never the exception's text. */
    static String internalError(Incident incident) {
        return "Internal error: the command could not be completed (ref " + incident.ref() + ").";
    }
}
