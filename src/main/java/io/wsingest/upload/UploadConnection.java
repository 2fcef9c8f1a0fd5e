package io.wsingest.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.Session;

import io.wsingest.logging.Incident;
import io.wsingest.logging.LogText;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.projects.ProjectConnections;
import io.wsingest.relay.Publication;
import io.wsingest.storage.SpoolFile;
import io.wsingest.storage.StorageFullException;
import io.wsingest.storage.StoredFile;
import io.wsingest.websocket.CloseReasons;
import io.wsingest.websocket.ConnectionGuard;
import io.wsingest.websocket.Disconnect;
import io.wsingest.websocket.Outbox;
import io.wsingest.websocket.SessionTransport;

/**
 * One upload connection: feeds what arrives to its {@link UploadExchange} and carries out the steps — the bytes to
 * its {@link UploadWriter}, the chain taken over, completed or left through {@link ChainService}, the close. Two
 * threads use it: the container's (messages, close) and the scheduler's (the {@link UploadHeartbeat}'s ticks).
 * Everything happens under the connection's lock, except the slow part of a heartbeat. All sends go through one
 * {@link Outbox}. The {@link ConnectionGuard} asks from its sweep whether the connection ends with its token.
 */
final class UploadConnection implements UploadRegistry.ChainOwner, ConnectionGuard.Target, UploadHeartbeat.Host {

    private static final Logger LOG = Logger.getLogger(UploadConnection.class.getName());

    /** Queued heartbeats are tiny: a client that lets this much pile up does not read at all. */
    private static final long MAX_QUEUED_BYTES = 64 * 1024;

    private static final String STORAGE_FULL = "The server's storage is full; try again later";

    /** The normal end of an upload: the file is stored. */
    private static final Disconnect COMPLETED = new Disconnect(1000, "Upload completed");

    private final String connectionId = UUID.randomUUID().toString();
    private final Session session;
    private final ChainService chains;
    private final String userId;
    private final String projectId;
    private final boolean saveMedia;
    private final UploadExchange exchange;
    private final Outbox outbox;
    private ConnectionGuard.Guarded guarded;
    private ProjectConnections.Registration membership;

    private final ReentrantLock lock = new ReentrantLock();
    private final UploadHeartbeat heartbeat;

    // Guarded by lock.
    private boolean ended;
    private UploadChain chain;
    /** The chain's record names this connection as its owner: leaving interrupts the upload. */
    private boolean claimed;
    private final UploadWriter writer = new UploadWriter(this::describe);

    UploadConnection(Session session, ChainService chains, UploadExchange.Admitted admitted) {
        this.session = session;
        this.chains = chains;
        this.userId = admitted.userId();
        this.projectId = admitted.projectId();
        this.saveMedia = admitted.saveMedia();
        this.exchange = new UploadExchange(chains.settings(), FileStateInfoJson::read, admitted);
        this.outbox = new Outbox(new SessionTransport(session, chains.meters()::sent), MAX_QUEUED_BYTES, this::onOverflow);
        this.heartbeat = new UploadHeartbeat(lock, this, chains, connectionId, outbox);
    }

    /**
     * Sends the FileStateInfo of the project's chain as it is now. Nothing is taken over yet: a connection whose
     * answer is refused disturbs no upload in progress.
     */
    void open(ConnectionGuard.Guarded admitted, ProjectConnections projects) {
        guarded = admitted;
        try {
            Optional<UploadChain> current = chains.find(projectId);
            locked(() -> {
                if (ended) {
                    // The guard's sweep ended it already (its token had expired by the time it opened).
                    return null;
                }
                membership = projects.register(projectId, userId, this::accessRevoked);
                chain = current.orElse(null);
                UploadStep step = exchange.offer(current, chains.now());
                if (step instanceof UploadStep.Offer offer) {
                    outbox.offerText(FileStateInfoJson.write(offer.info()));
                    heartbeat.start();
                } else {
                    carryOut(step);
                }
                return null;
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * The client's FileStateInfo answer (or a text message where none belongs). Only an answer that stands takes the
     * project's upload over, and not under this connection's lock: the project's lock comes first.
     */
    void onText(String text) {
        UploadStep step = locked(() -> exchange.onText(text, chains.now()));
        if (!(step instanceof UploadStep.Begin begin)) {
            locked(() -> {
                carryOut(step);
                return null;
            });
            return;
        }
        try {
            // A new stream first, so that one whose channel is taken leaves no upload state behind. A resumed one
            // after the takeover: until then the connection it takes over is still publishing on the channel.
            if (!saveMedia && !begin.resume()) {
                relayTo(chains.openLiveChannel(projectId));
            }
            String offeredUploadId = locked(() -> chain == null ? null : chain.uploadId());
            Optional<ChainService.Claimed> claimedUpload = begin.resume()
                    ? chains.takeOver(projectId, this, connectionId, offeredUploadId, begin.offset())
                    : chains.start(projectId, this, userId, begin.fileName(), begin.totalSize(), saveMedia,
                            connectionId);
            if (!saveMedia && begin.resume() && claimedUpload.isPresent()) {
                try {
                    relayTo(chains.takeOverLiveChannel(projectId));
                } catch (IOException | RuntimeException e) {
                    claimedUpload.get().spool().close(); // kept, for the next resume
                    throw e;
                }
            }
            locked(() -> {
                try {
                    if (claimedUpload.isEmpty()) {
                        carryOut(exchange.takeOverFailed(begin.resume()));
                    } else {
                        chain = claimedUpload.get().chain();
                        claimed = true;
                        begin(begin, claimedUpload.get().spool());
                    }
                } catch (IOException | RuntimeException e) {
                    failedLocked(e);
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** The stream's publication, closed with the connection from now on. */
    private void relayTo(Publication relay) {
        locked(() -> {
            writer.relayTo(relay);
            return null;
        });
    }

    /** A part of a data message. */
    void onBinary(ByteBuffer part, boolean last) {
        locked(() -> {
            try {
                UploadStep step = exchange.onBinaryPart(part, last, chains.now());
                if (step instanceof UploadStep.Write write) {
                    writer.write(write.data());
                    if (write.complete()) {
                        complete();
                    }
                } else {
                    carryOut(step);
                }
            } catch (IOException | RuntimeException e) {
                failedLocked(e);
            }
            return null;
        });
    }

    /** The connection closed, by either side or because it broke. */
    void onClose(int code) {
        guarded.closed();
        locked(() -> {
            UploadStep step = exchange.onClientClose(code);
            if (step == UploadStep.COMPLETE_STREAM) {
                try {
                    completeStoring();
                    LOG.info(() -> describe() + ": completed by the client's close");
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, describe() + ": could not complete at the client's close", e);
                }
            } else if (step == UploadStep.INTERRUPT) {
                LOG.info(() -> describe() + ": interrupted at " + exchange.received() + " bytes (close code " + code
                        + ")");
            }
            stop();
            return null;
        });
    }

    /**
     * The container reports a failure of the connection. A broken connection is routine (the client went away) and
     * logged in one line; its close follows and interrupts the upload.
     */
    void onError(Throwable failure) {
        locked(() -> {
            if (ended) {
                return null;
            }
            if (failure instanceof IOException) {
                LOG.info(() -> describe() + ": connection failed at " + exchange.received() + " bytes: " + failure);
                end(exchange.fail("The connection failed").disconnect());
            } else {
                failedLocked(failure);
            }
            return null;
        });
    }

    /** The user was removed from the project. */
    private void accessRevoked() {
        locked(() -> {
            if (!ended) {
                LOG.info(() -> describe() + ": the user was removed from the project");
                carryOut(exchange.onAccessRevoked());
            }
            return null;
        });
    }

    /** Asked by the guard's sweep: a connection busy receiving data counts as uploading and stays. */
    @Override
    public boolean tokenExpired() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (ended) {
                return true;
            }
            UploadStep step = exchange.onTokenExpired();
            carryOut(step);
            return step instanceof UploadStep.Close;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The application stops: what arrived is made durable and recorded first, then a last heartbeat tells the client
     * that offset (where the same chain resumes once the server is back), then the close.
     */
    @Override
    public void shuttingDown() {
        locked(() -> {
            if (ended) {
                return null;
            }
            boolean uploading = claimed;
            Disconnect close = exchange.shutDown().disconnect();
            stop();
            if (uploading) {
                heartbeat.report();
                LOG.info(() -> describe() + ": interrupted by the shutdown at " + heartbeat.durable() + " bytes");
            }
            outbox.closeAfterQueued(() -> CloseReasons.close(session, close));
            return null;
        });
    }

    @Override
    public void supersede() {
        locked(() -> {
            if (!ended && writer.spool() != null) {
                LOG.info(() -> describe() + ": taken over by a newer connection at " + exchange.received() + " bytes");
            }
            detach();
            exchange.supersede();
            return null;
        });
    }

    @Override
    public void finishElsewhere() {
        locked(() -> {
            exchange.finishElsewhere();
            heartbeat.awaitFlush();
            writer.close();
            claimed = false;
            return null;
        });
    }

    /** The upload is this connection's now: its data goes into {@code opened} from the handshake's offset on. */
    private void begin(UploadStep.Begin begin, SpoolFile opened) throws IOException {
        writer.writeTo(opened);
        heartbeat.markDurable(begin.offset());
        if (ended || !exchange.ownsUpload()) {
            // Closed or taken over while the upload was being taken over: let go of it again.
            detach();
            return;
        }
        LOG.info(() -> describe() + ": " + (begin.resume() ? "resumed at " + begin.offset() + " bytes" : "started")
                + " '" + LogText.escape(begin.fileName()) + "', " + (begin.totalSize() == null ? "size unknown"
                : begin.totalSize() + " bytes") + (saveMedia ? "" : ", live stream"));
        // "first heartbeat also marks the moment when the upload is initialized in backend"
        heartbeat.report();
        if (begin.complete()) {
            complete();
        }
    }

    /** Every byte of a file of known size arrived: store it, report the total, close normally. */
    private void complete() throws IOException {
        completeStoring();
        heartbeat.report();
        LOG.info(() -> describe() + ": completed, " + heartbeat.durable() + " bytes");
        end(COMPLETED);
    }

    private void completeStoring() throws IOException {
        heartbeat.awaitFlush();
        long size = exchange.received();
        if (writer.spool().length() != size) {
            throw new IOException("Stored " + writer.spool().length() + " bytes, expected " + size);
        }
        SpoolFile finished = writer.takeSpool();
        if (saveMedia) {
            StoredFile stored = chains.storeAndComplete(chain, finished, connectionId);
            LOG.fine(() -> describe() + ": stored as file " + stored.getId() + ", sha-256 " + stored.getSha256());
        } else {
            chains.discardAndComplete(chain, finished, connectionId);
        }
        heartbeat.markDurable(size);
        claimed = false;
        writer.close();
    }

    @Override
    public boolean heartbeatDue() {
        UploadStep step = exchange.onTick(chains.now());
        if (step instanceof UploadStep.Heartbeat) {
            return true;
        }
        carryOut(step);
        return false;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public long notDurableBytes() {
        return locked(() -> Math.max(0, exchange.received() - heartbeat.durable()));
    }

    @Override
    public SpoolFile spool() {
        return writer.spool();
    }

    @Override
    public String uploadId() {
        return chain.uploadId();
    }

    @Override
    public boolean ownsUpload() {
        return exchange.ownsUpload();
    }

    @Override
    public void lost(ChainRecords.Progress progress) {
        switch (progress) {
            // A newer connection on another node asked for the upload; the lease renewal may have handed it over first.
            case HANDOVER_REQUESTED -> supersede();
            case SUPERSEDED -> {
                LOG.info(() -> describe() + ": taken over by a connection on another node");
                exchange.supersede();
            }
            default -> {
                LOG.info(() -> describe() + ": the upload was finished elsewhere");
                exchange.finishElsewhere();
            }
        }
        writer.close();
    }

    private void carryOut(UploadStep step) {
        if (step instanceof UploadStep.Close close) {
            Disconnect d = close.disconnect();
            if (d.code() == 1011) {
                LOG.warning(() -> describe() + ": closing with " + d.code() + " '" + LogText.escape(d.reason()) + "'");
            } else {
                LOG.info(() -> describe() + ": closing with " + d.code() + " '" + LogText.escape(d.reason()) + "'");
            }
            end(d);
        }
    }

    private void failed(Throwable failure) {
        locked(() -> {
            failedLocked(failure);
            return null;
        });
    }

    @Override
    public void failedLocked(Throwable failure) {
        if (failure instanceof QuotaExceededException quota) {
            LOG.info(() -> describe() + ": refused at " + exchange.received() + " bytes: " + quota.getMessage());
            end(exchange.quotaExceeded(quota).disconnect());
            return;
        }
        end(exchange.fail(clientMessage(failure)).disconnect());
    }

    /** What the client hears of a failure: the server's own words, or an incident reference (the rest is logged). */
    private String clientMessage(Throwable failure) {
        String where = describe() + ": failed at " + exchange.received() + " bytes";
        if (failure instanceof UploadFailure) {
            LOG.warning(() -> where + ": " + LogText.escape(failure.getMessage()));
            return failure.getMessage();
        }
        if (failure instanceof StorageFullException) {
            LOG.warning(() -> where + ": " + failure.getMessage());
            return STORAGE_FULL;
        }
        return Incident.log(LOG, where, failure).clientText();
    }

    private void onOverflow() {
        locked(() -> {
            LOG.warning(() -> describe() + ": the client does not read its heartbeats; closing");
            Disconnect disconnect = exchange.fail("The client does not read its heartbeats").disconnect();
            stop();
            // The outbox refuses messages now: close directly.
            CloseReasons.close(session, disconnect);
            return null;
        });
    }

    /** Closes the connection after what is queued has been sent. */
    private void end(Disconnect disconnect) {
        if (ended) {
            return;
        }
        stop();
        outbox.closeAfterQueued(() -> CloseReasons.close(session, disconnect));
    }

    /** Stops the ticker and lets go of the upload: it stays resumable from everything received. */
    private void stop() {
        ended = true;
        if (membership != null) {
            membership.close();
        }
        heartbeat.stop();
        detach();
    }

    /**
     * Lets go of the upload: the bytes received are made durable and recorded, and the upload is interrupted (the
     * restore window starts). Safe to call more than once.
     */
    private void detach() {
        chains.leave(projectId, this);
        heartbeat.awaitFlush();
        if (writer.spool() != null && claimed) {
            try {
                heartbeat.forceAll(writer.spool());
            } catch (IOException e) {
                LOG.log(Level.WARNING, describe() + ": could not make the last bytes durable; the upload continues"
                        + " from " + heartbeat.durable() + " bytes", e);
            }
        }
        if (claimed) {
            long durable = heartbeat.durable();
            try {
                chains.interrupt(chain.uploadId(), connectionId, durable);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, describe() + ": could not record the interruption at " + durable + " bytes", e);
            }
            claimed = false;
        }
        writer.close();
    }

    private String describe() {
        return "Upload " + (chain == null ? "(none yet)" : chain.uploadId()) + " of project "
                + LogText.escape(projectId) + " by user " + LogText.escape(userId) + " (connection " + connectionId
                + ")";
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
