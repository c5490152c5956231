-- The size of the detector frame that an event's peak_box is measured in, so that a dismissed event's box can
-- become a normalised suppression region. NULL for events stored before (their box cannot be suppressed).
ALTER TABLE events ADD COLUMN frame_width INT;
ALTER TABLE events ADD COLUMN frame_height INT;
