package io.wsingest.events;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One user's numbered stream of events: the last {@code seq} given out, how far the history has been pruned, and the
 * epoch that names this stream. A row made anew (the history was reset) has a new epoch, so a client holding a seq of
 * the old one cannot mistake the new numbers for those it saw.
 */
@Entity
@Table(name = "event_streams")
public class EventStream {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(nullable = false)
    private String epoch;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "pruned_through", nullable = false)
    private long prunedThrough;

    protected EventStream() {
    }

    EventStream(String userId) {
        this.userId = userId;
        byte[] epoch = new byte[8];
        RANDOM.nextBytes(epoch);
        this.epoch = HexFormat.of().formatHex(epoch);
    }

    String epoch() {
        return epoch;
    }

    /** Gives out the next number; the caller holds the row's lock until its transaction ends. */
    long next() {
        return ++lastSeq;
    }
}
