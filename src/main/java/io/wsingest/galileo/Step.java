package io.wsingest.galileo;

import java.util.Collections;
import java.util.List;

import io.wsingest.websocket.Disconnect;

/**
 * What the endpoint does after a message: send {@code signals} in order, then close the connection if
 * {@code disconnect} is set.
 *
 * @param signals    the signals to send, in order
 * @param disconnect how to close the connection afterwards; null to keep it open
 * @param failure    the error this step reports, for the log; null when nothing went wrong
 */
public record Step(List<ServerSignal> signals, Disconnect disconnect, GalileoError.Failure failure) {

    /** The close code and reason after a stored file. */
    static final Disconnect STORED = new Disconnect(1000, "File stored");

    private static final Step NOTHING = new Step(List.of(), null, null);

    public Step {
        signals = List.copyOf(signals);
    }

    /** Whether this step ends an upload whose file was stored. */
    public boolean stored() {
        return disconnect == STORED;
    }

    static Step nothing() {
        return NOTHING;
    }

    /** The same signal {@code times} times (readies owed for several chunks). */
    static Step reply(ServerSignal signal, int times) {
        return new Step(Collections.nCopies(times, signal), null, null);
    }

    /** The error signal; a fatal error also closes the connection with the error's code and its message as reason. */
    static Step failed(GalileoError.Failure failure) {
        Disconnect disconnect = failure.fatal() ? failure.error().withReason(failure.message()) : null;
        return new Step(List.of(ServerSignal.Error.of(failure)), disconnect, failure);
    }

    static Step fileStored() {
        return new Step(List.of(new ServerSignal.Close()), STORED, null);
    }
}
