-- Protocol D (Upload API): one row per upload of a user, with its OCR status and text. The bytes are a stored file
-- (and so a blob) like every protocol's; a user holds each content at most once, which is how a repeated create is
-- recognised as a duplicate.
CREATE TABLE uploads (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(255)  NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    image_path     VARCHAR(4096),
    image_hash     CHAR(64)      NOT NULL,
    content_type   VARCHAR(64)   NOT NULL,
    size           BIGINT        NOT NULL,
    file_id        VARCHAR(36)   NOT NULL REFERENCES stored_files (id),
    raw_text       TEXT,
    processed_text TEXT,
    error          TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT        NOT NULL,
    CONSTRAINT uploads_owner_content UNIQUE (owner_id, image_hash)
);
CREATE INDEX uploads_owner_created ON uploads (owner_id, created_at);
-- Start-up looks for jobs a restart interrupted.
CREATE INDEX uploads_status ON uploads (status);
