package io.wsingest.events;

/**
 * Where a user's event stream stands.
 *
 * @param epoch         names the stream; it changes only when the user's history is reset
 * @param seq           the seq of the user's latest event (0 before the first)
 * @param prunedThrough the history holds no event with this seq or a lower one
 */
public record StreamPosition(String epoch, long seq, long prunedThrough) {

    /**
     * Whether the history still holds everything after {@code since}, in this stream: the same epoch, a seq the stream
     * has reached, and nothing after it pruned.
     */
    public boolean canReplayAfter(long since, String clientEpoch) {
        return epoch.equals(clientEpoch) && since <= seq && since >= prunedThrough;
    }
}
