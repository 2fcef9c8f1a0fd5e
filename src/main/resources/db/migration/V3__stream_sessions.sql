-- Protocol C: streams accepted and not yet complete, so a client can resume one by its key after a broken
-- connection or a server restart. The bytes are in the blob store's spool directory, never here.
CREATE TABLE stream_sessions (
    -- SHA-256 (hex) of the stream key: the key itself is a secret the database does not keep.
    key_hash     CHAR(64)     NOT NULL PRIMARY KEY,
    owner_id     VARCHAR(255) NOT NULL,
    route        VARCHAR(100) NOT NULL,
    data_format  VARCHAR(8)   NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    total_bytes  BIGINT       NOT NULL,
    buffer_size  INTEGER      NOT NULL,
    -- Bytes fsynced in the spool file: a resumed stream continues from here.
    held_bytes   BIGINT       NOT NULL,
    spool_name   VARCHAR(100) NOT NULL UNIQUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Last accepted, resumed or checkpointed; the stream expires a configured time after it.
    active_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stream_sessions_owner ON stream_sessions (owner_id);
CREATE INDEX stream_sessions_active ON stream_sessions (active_at);
