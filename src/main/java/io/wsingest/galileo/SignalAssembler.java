package io.wsingest.galileo;

import java.util.Optional;

/**
 * Joins the parts in which the container hands over a TEXT message, and refuses a message longer than any signal
 * can be as soon as it is too long, so a client cannot make the server hold a huge text. (WildFly's WebSocket layer
 * does not enforce a session's text buffer size: it buffered a 2 MB text message with the limit set to 64 KiB.)
 * Not thread-safe: one per connection.
 */
final class SignalAssembler {

    /** The longest TEXT message accepted, in characters; signals are small JSON objects. */
    static final int MAX_CHARS = 64 * 1024;

    private StringBuilder text;
    private boolean refused;

    /**
     * One part of a TEXT message.
     *
     * @return the decoded signal when the message is complete, the error once when it grows too long, else empty
     */
    Optional<ClientSignal> part(String part, boolean last) {
        Optional<ClientSignal> result = Optional.empty();
        if (!refused) {
            int length = (text == null ? 0 : text.length()) + part.length();
            if (length > MAX_CHARS) {
                refused = true;
                text = null;
                result = Optional.of(new ClientSignal.Unreadable(GalileoError.SIGNAL_TOO_LONG.failure(MAX_CHARS)));
            } else if (text == null && last) {
                // The usual case: the whole message in one part.
                result = Optional.of(GalileoCodec.decode(part));
            } else {
                if (text == null) {
                    text = new StringBuilder(part.length() * 2);
                }
                text.append(part);
                if (last) {
                    result = Optional.of(GalileoCodec.decode(text.toString()));
                }
            }
        }
        if (last) {
            text = null;
            refused = false;
        }
        return result;
    }
}
