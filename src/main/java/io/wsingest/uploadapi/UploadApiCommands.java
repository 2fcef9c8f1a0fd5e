package io.wsingest.uploadapi;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;

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
     */
    record Outcome(String reply, Runnable afterReply, String deletedUploadId) {

        Outcome(String reply, Runnable afterReply) {
            this(reply, afterReply, null);
        }

        static Outcome reply(String reply) {
            return new Outcome(reply, () -> { });
        }
    }

    @Inject
    UploadService uploads;

    Outcome handle(MessageReader.Incoming incoming, Caller caller) {
        try {
            CommandDecoder.Request request = CommandDecoder.decode(incoming, caller.followedUploadId());
            return execute(request, caller);
        } catch (CommandRejected rejected) {
            return Outcome.reply(UploadApiCodec.error(rejected.replyType(), rejected.requestId(), rejected.errors()));
        } finally {
            // Stored by a create, the spool file is gone already; otherwise it is not needed.
            if (incoming.image() instanceof StreamedImage.Decoded decoded) {
                decoded.discard();
            }
        }
    }

    private Outcome execute(CommandDecoder.Request request, Caller caller) {
        JsonValue requestId = request.requestId();
        Command command = request.command();
        String user = caller.userId();
        try {
            if (command instanceof Command.Subscribe) {
                return Outcome.reply(UploadApiCodec.subscribed(requestId, caller.followedUploadId()));
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

    /** The reply to a command the server failed: the incident's reference, never the exception's text. */
    static String internalError(Incident incident) {
        return "Internal error: the command could not be completed (ref " + incident.ref() + ").";
    }
}
