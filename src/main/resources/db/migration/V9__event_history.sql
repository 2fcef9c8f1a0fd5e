-- Protocol D recovery: every Upload.* event of a user gets the next number of that user's stream, in the transaction
-- of the change it reports, and is kept for a while so that a socket that reconnects can ask for what it missed.
-- One row per user: the stream's epoch (a new one when the row is made anew: the history was reset), the last number
-- given out, and the number up to which the history has been pruned (events after it are all kept, except the
-- streamed_text growth events that a later one of the same upload replaced). Writers lock this row, so the numbers
-- are gap-free and in commit order on every node.
CREATE TABLE event_streams (
    user_id        VARCHAR(255) NOT NULL PRIMARY KEY,
    epoch          VARCHAR(32)  NOT NULL,
    last_seq       BIGINT       NOT NULL,
    pruned_through BIGINT       NOT NULL
);
-- The events themselves, exactly as they went on the wire (seq included).
CREATE TABLE event_history (
    user_id    VARCHAR(255) NOT NULL,
    seq        BIGINT       NOT NULL,
    upload_id  VARCHAR(64)  NOT NULL,
    growth     BOOLEAN      NOT NULL,
    payload    TEXT         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, seq)
);
-- Pruning by age.
CREATE INDEX event_history_created ON event_history (created_at);
