-- Per-camera event rules (thresholds, zones, masks, suppression regions) as JSON, like detect_settings.
ALTER TABLE cameras ADD COLUMN event_rules VARCHAR(32000) NOT NULL DEFAULT '{}';
