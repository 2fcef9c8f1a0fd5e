-- Protocol E on several nodes: the cluster-wide directory of live channels. A node whose publisher (or protocol A
-- upload) starts a stream claims the channel here, with the stream's id, the address other nodes pull it from and
-- the SHA-256 receivers' keys must match (null: only verified keys, see static mode). The claim is a lease of the
-- node run like the A/C/D leases: renewed while the stream runs, deleted when it ends, and taken by another publisher
-- once it ran out (its node died). One row per channel: one publisher per channel in the whole cluster.
CREATE TABLE live_channels (
    channel              VARCHAR(255) NOT NULL PRIMARY KEY,
    stream_id            VARCHAR(128) NOT NULL,
    node_url             VARCHAR(512) NOT NULL,
    receiver_key_sha256  CHAR(64),
    lease_owner          VARCHAR(160) NOT NULL,
    lease_until          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX live_channels_lease ON live_channels (lease_owner);
