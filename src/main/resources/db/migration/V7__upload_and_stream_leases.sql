-- Ownership across nodes for protocols A and C: the node run whose connection receives a chain or a stream holds a
-- lease on it until lease_until, renewed while it does. Another node takes it over only once the holder has let go
-- (lease_owner null) or its lease has run out (the holder died). handover_requested is how a connection on another
-- node asks a live holder to let go: the holder makes what it received durable, records it, and releases the lease.
ALTER TABLE upload_sessions ADD COLUMN lease_owner VARCHAR(160);
ALTER TABLE upload_sessions ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE upload_sessions ADD COLUMN handover_requested BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX upload_sessions_lease ON upload_sessions (lease_owner);

ALTER TABLE stream_sessions ADD COLUMN lease_owner VARCHAR(160);
ALTER TABLE stream_sessions ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE stream_sessions ADD COLUMN handover_requested BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX stream_sessions_lease ON stream_sessions (lease_owner);
