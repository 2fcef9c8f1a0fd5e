-- Projects and who may upload into them.
CREATE TABLE projects (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE project_members (
    project_id  VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     VARCHAR(255) NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

-- Content-addressed blobs: the bytes live on disk under their SHA-256; this table counts references to them.
CREATE TABLE blobs (
    sha256      CHAR(64) NOT NULL PRIMARY KEY,
    size        BIGINT   NOT NULL,
    ref_count   INTEGER  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- When the count last dropped to zero; the collector deletes such blobs after a grace period.
    released_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX blobs_released ON blobs (released_at);

-- A file some user stored through one of the protocols, owned by the user and optionally by a project.
CREATE TABLE stored_files (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    sha256      CHAR(64)     NOT NULL REFERENCES blobs (sha256),
    size        BIGINT       NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    owner_id    VARCHAR(255) NOT NULL,
    project_id  VARCHAR(64)  REFERENCES projects (id),
    source      VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stored_files_owner ON stored_files (owner_id, sha256);
CREATE INDEX stored_files_project ON stored_files (project_id);
