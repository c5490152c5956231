-- Which detection model produced an event, for evidence: the manifest id (e.g. yolox-nano) and its version
-- (sha256:<hex> of the weights file). NULL for events stored before, for simulated events and for models
-- loaded from a bare file without a manifest entry (then only model_id, the file name, is known).
ALTER TABLE events ADD COLUMN model_id VARCHAR(100);
ALTER TABLE events ADD COLUMN model_version VARCHAR(100);
