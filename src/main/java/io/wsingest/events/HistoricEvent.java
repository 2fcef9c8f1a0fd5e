package io.wsingest.events;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An event of a user's stream as it went on the wire, kept for sockets that reconnect. */
@Entity
@Table(name = "event_history")
@IdClass(HistoricEvent.Key.class)
public class HistoricEvent {

    /** The primary key: the user and the seq within their stream. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String userId;
        private long seq;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && seq == key.seq && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, seq);
        }
    }

    @Id
    @Column(name = "user_id")
    private String userId;

    @Id
    private long seq;

    @Column(name = "upload_id", nullable = false)
    private String uploadId;

    /** A {@code streamed_text} growth event: the next one of the same upload replaces it. */
    @Column(nullable = false)
    private boolean growth;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected HistoricEvent() {
    }

    HistoricEvent(UploadEvent event, Instant createdAt) {
        this.userId = event.userId();
        this.seq = event.seq();
        this.uploadId = event.uploadId();
        this.growth = event.growth();
        this.payload = event.json();
        this.createdAt = createdAt;
    }

    UploadEvent event() {
        return new UploadEvent(userId, uploadId, payload, null, seq, growth);
    }
}
