-- Protocol D on several nodes: an upload's OCR job is held by a lease. The node that queues a job (create, re-run,
-- takeover) writes a new job id, itself as owner and an expiry; it renews the expiry while the job waits or runs,
-- every write of the job is conditional on the job id, and the lease is cleared when the job ends. A pending or
-- processing upload whose lease ran out (its node died) is taken over by another node. Rows from before this
-- migration have no lease: they are taken over at once, as a restart resumed them before.
ALTER TABLE uploads ADD COLUMN ocr_job VARCHAR(36);
ALTER TABLE uploads ADD COLUMN ocr_lease_owner VARCHAR(255);
ALTER TABLE uploads ADD COLUMN ocr_lease_until TIMESTAMP WITH TIME ZONE;
-- Each node renews its leases by owner.
CREATE INDEX uploads_ocr_lease_owner ON uploads (ocr_lease_owner);
