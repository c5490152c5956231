-- An event that reaches its camera's max_length_s ends there and goes on as a new event naming the one before it:
-- a scene busy for hours is a chain of bounded events (each reviewed, exported and recorded on its own), not one
-- event that never ends. Retention may delete the earlier one first; the link then becomes NULL.
ALTER TABLE events ADD COLUMN continues_event_id BIGINT;
ALTER TABLE events ADD CONSTRAINT fk_events_continues FOREIGN KEY (continues_event_id) REFERENCES events (id)
    ON DELETE SET NULL;
