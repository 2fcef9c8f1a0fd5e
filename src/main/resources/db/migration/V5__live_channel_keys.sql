-- Protocol E, static key mode: each channel's stream key, kept only as the lower-case hex SHA-256 of the key.
CREATE TABLE live_channel_keys (
    channel     VARCHAR(255) NOT NULL PRIMARY KEY,
    key_sha256  CHAR(64)     NOT NULL,
    updated_by  VARCHAR(255) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
