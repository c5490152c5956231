package org.watchroom.core.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.redaction.RedactedThrowable;

/**
 * The {@code cameras} table.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class CameraStore implements CameraCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(CameraStore.class);
    private static final String COLUMNS = "id, name, url, sub_url, username, password, rtsp_transport, enabled, location, notes, "
            + "detect_settings, event_rules, recording, created_at, updated_at";
    private final Jdbi jdbi;
    private final AuditLog audit;

    public CameraStore(Database database) {
        this.jdbi = database.jdbi();
        this.audit = new AuditLog(jdbi);
    }

    /** Settings changes go into the audit log under who made them; never with the password. */
    private void audited(String action, Camera camera, Operator by) {
        audit.append(by.userName(), action, "camera:" + camera.id(), camera.name() + " " + camera.mainUrl().redacted()
                + (camera.enabled() ? "" : " (disabled)"));
    }

    @Override
    public List<Camera> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM cameras ORDER BY id")
                .mapTo(Camera.class)
                .list());
    }

    @Override
    public Optional<Camera> find(long id) {
        return list().stream().filter(c -> c.id() == id).findFirst();
    }

    /** Inserts and returns the camera with its id; a duplicate name is a clear error. Needs {@code CONFIGURE_CAMERAS}. */
    @Override
    public Camera add(Camera camera, Operator by) {
        by.require(Permission.CONFIGURE_CAMERAS);
        camera.requireFitsColumns();
        requireOpenable(camera, null);
        OffsetDateTime now = OffsetDateTime.now();
        try {
            long id = jdbi.withHandle(h -> h.createUpdate("""
                            INSERT INTO cameras (name, url, sub_url, username, password, rtsp_transport, enabled,
                                                 location, notes, detect_settings, event_rules, recording, created_at,
                                                 updated_at)
                            VALUES (:name, :url, :subUrl, :username, :password, :rtspTransport, :enabled, :location, :notes,
                                    :detectSettings, :eventRules, :recording, :now, :now)""")
                    .bindMethods(camera).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            Camera saved = find(id).orElseThrow();
            audited("camera.add", saved, by);
            return saved;
        } catch (UnableToExecuteStatementException e) {
            throw duplicateOr(camera, e);
        }
    }

    /** Saves a changed camera. Needs {@code CONFIGURE_CAMERAS}, and {@code EDIT_RULES} too when its event rules change. */
    @Override
    public Camera update(Camera camera, Operator by) {
        by.require(Permission.CONFIGURE_CAMERAS);
        if (find(camera.id()).map(stored -> !stored.eventRules().equals(camera.eventRules())).orElse(false)) {
            by.require(Permission.EDIT_RULES);
        }
        return save(camera, by);
    }

    /** Saves new event rules (zones, thresholds, suppressions) for a camera. Needs {@code EDIT_RULES}. */
    public Camera updateRules(long cameraId, String eventRulesJson, Operator by) {
        by.require(Permission.EDIT_RULES);
        Camera camera = find(cameraId).orElseThrow(() -> new StoreException("No camera with id " + cameraId + "."));
        return save(camera.withEventRules(eventRulesJson), by);
    }

    private Camera save(Camera camera, Operator by) {
        camera.requireFitsColumns();
        requireOpenable(camera, find(camera.id()).orElse(null));
        try {
            int rows = jdbi.withHandle(h -> h.createUpdate("""
                            UPDATE cameras SET name = :name, url = :url, sub_url = :subUrl, username = :username,
                                   password = :password, rtsp_transport = :rtspTransport, enabled = :enabled, location = :location, notes = :notes,
                                   detect_settings = :detectSettings, event_rules = :eventRules, recording = :recording,
                                   updated_at = :now
                            WHERE id = :id""")
                    .bindMethods(camera).bind("now", OffsetDateTime.now()).execute());
            if (rows == 0) {
                throw new StoreException("No camera with id " + camera.id() + ".");
            }
            Camera saved = find(camera.id()).orElseThrow();
            audited("camera.update", saved, by);
            return saved;
        } catch (UnableToExecuteStatementException e) {
            throw duplicateOr(camera, e);
        }
    }

    /** Removes the camera; returns false when there was none with that id. Needs {@code CONFIGURE_CAMERAS}. */
    @Override
    public boolean remove(long id, Operator by) {
        by.require(Permission.CONFIGURE_CAMERAS);
        Optional<Camera> camera = find(id);
        boolean removed = jdbi.inTransaction(h -> {
            // its remembered parked cars go with it (no foreign key: demo cameras have rows too)
            h.createUpdate("DELETE FROM stationary_objects WHERE camera_id = ?").bind(0, id).execute();
            return h.createUpdate("DELETE FROM cameras WHERE id = ?").bind(0, id).execute();
        }) > 0;
        if (removed) {
            audited("camera.remove", camera.orElseThrow(), by);
        }
        return removed;
    }

    /**
     * A camera built field by field is checked as typed input is ({@link CameraUrl#parse}): a source FFmpeg must not
     * open is refused here too. A URL that did not change is not judged again, so a row stored before a rule can
     * still be renamed, disabled or given rules.
     */
    private static void requireOpenable(Camera camera, Camera before) {
        if (before == null || !camera.url().equals(before.url())) {
            CameraUrl.parse(camera.url(), camera.username(), camera.password());
        }
        if (camera.subUrl() != null && (before == null || !camera.subUrl().equals(before.subUrl()))) {
            CameraUrl.parse(camera.subUrl(), camera.username(), camera.password());
        }
    }

    private static RuntimeException duplicateOr(Camera camera, UnableToExecuteStatementException e) {
        if (String.valueOf(e.getMessage()).contains("CAMERAS_NAME")) {
            return new StoreException("A camera named '" + camera.name() + "' already exists.", e);
        }
        // H2's message quotes the values it refused (a password among them): logged redacted, never shown
        LOG.warn("Cannot save camera '{}'", camera.name(), RedactedThrowable.of(e, camera.password()));
        return new StoreException("Cannot save camera '" + camera.name() + "': the database refused it; see the log.");
    }
}
