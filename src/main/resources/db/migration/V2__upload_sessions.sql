-- Protocol A: the resumable upload chain of each project (at most one; destroying it allows a new upload).
-- The bytes are in the blob store's spool directory under spool_name until the upload completes.
CREATE TABLE upload_sessions (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    project_id       VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id          VARCHAR(255) NOT NULL,
    file_name        VARCHAR(255) NOT NULL,
    -- Null for a stream of unknown length.
    total_size       BIGINT,
    -- Bytes fsynced to the spool file and recorded here: a resumed upload continues from this offset.
    durable_offset   BIGINT       NOT NULL,
    save_media       BOOLEAN      NOT NULL,
    -- IN_PROGRESS, COMPLETED, FAILED or EXPIRED.
    state            VARCHAR(16)  NOT NULL,
    -- The connection uploading right now; null while interrupted.
    owner_connection VARCHAR(36),
    spool_name       VARCHAR(100) NOT NULL,
    stored_file_id   VARCHAR(36),
    failure          VARCHAR(255),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Last recorded progress or disconnection: the restore window counts from here.
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT upload_sessions_one_per_project UNIQUE (project_id)
);
CREATE INDEX upload_sessions_state ON upload_sessions (state, updated_at);
