-- Protocol D: how many times an upload's OCR job has started since it was last created or re-run. A start counts
-- in its own committed transaction before the engine runs, so an image that crashes the server is counted too, and
-- start-up gives it up after wsingest.ocr.max-attempts starts instead of crashing again at every start.
ALTER TABLE uploads ADD COLUMN ocr_attempts INTEGER DEFAULT 0 NOT NULL;
