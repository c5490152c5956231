-- Tracking: an event is one tracked object from appearance to disappearance, and its detections carry the
-- object's number on its camera (numbered from 1 in each run of the engine; NULL for simulated and older events).
ALTER TABLE events ADD COLUMN track_id BIGINT;
-- the named zones the object was in when its event started, as a JSON array of names; NULL when none
ALTER TABLE events ADD COLUMN zones VARCHAR(2000);
ALTER TABLE detections ADD COLUMN track_id BIGINT;

-- Objects that stayed put (parked cars), kept across restarts so that they do not alert again when the engine
-- starts. camera_id has no foreign key: demo cameras (negative ids) are not in cameras, and a removed camera's rows
-- are deleted with it by the engine. Replaced as a whole per camera whenever its stationary objects change.
CREATE TABLE stationary_objects (
    camera_id BIGINT                   NOT NULL,
    label     VARCHAR(100)             NOT NULL,
    box_x     DOUBLE PRECISION         NOT NULL,
    box_y     DOUBLE PRECISION         NOT NULL,
    box_w     DOUBLE PRECISION         NOT NULL,
    box_h     DOUBLE PRECISION         NOT NULL,
    since     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stationary_objects_camera ON stationary_objects (camera_id);
