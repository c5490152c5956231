package org.watchroom.core.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.User;
import org.watchroom.core.detect.Box;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.StoredDetection;
import org.watchroom.core.store.TimelineEvent;

/**
 * How a row becomes each stored type, registered once on the database's {@link Jdbi} so that every query says
 * {@code mapTo(Event.class)} instead of repeating the columns. A query must select the columns its type reads
 * (each store's {@code COLUMNS}, or {@code *}).
 *
 * <p>Thread-safety: stateless.
 */
public final class RowMappers {
    private RowMappers() {
    }

    /** Registers the mappers on {@code jdbi}; {@code store.Database} does, where it makes the instance. */
    public static void register(Jdbi jdbi) {
        jdbi.registerRowMapper(Event.class, RowMappers::event);
        jdbi.registerRowMapper(Segment.class, RowMappers::segment);
        jdbi.registerRowMapper(Clip.class, RowMappers::clip);
        jdbi.registerRowMapper(Camera.class, RowMappers::camera);
        jdbi.registerRowMapper(RecordingGap.class, RowMappers::gap);
        jdbi.registerRowMapper(StoredDetection.class, RowMappers::detection);
        jdbi.registerRowMapper(TimelineEvent.class, RowMappers::timelineEvent);
        jdbi.registerRowMapper(User.class, RowMappers::user);
    }

    private static Event event(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Event(rs.getLong("id"), Columns.nullableLong(rs, "camera_id"), rs.getString("camera_name"),
                rs.getString("label"), Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"),
                rs.getFloat("peak_score"), Columns.box(rs.getString("peak_box")), rs.getString("snapshot_path"),
                EventStatus.parse(rs.getString("status")), rs.getString("reviewed_by"), Columns.instant(rs, "reviewed_at"),
                rs.getString("note"), rs.getBoolean("interrupted"), rs.getBoolean("hold"),
                Columns.nullableLong(rs, "continues_event_id"), Columns.nullableLong(rs, "track_id"),
                Columns.names(rs.getString("zones")), frameSize(rs));
    }

    /** The stored detector frame size; null for events stored without one. */
    private static FrameSize frameSize(ResultSet rs) throws SQLException {
        int width = rs.getInt("frame_width");
        int height = rs.getInt("frame_height");
        return width > 0 && height > 0 ? new FrameSize(width, height) : null;
    }

    private static Segment segment(ResultSet rs, StatementContext ctx) throws SQLException {
        Long ms = Columns.nullableLong(rs, "duration_ms");
        return new Segment(rs.getLong("id"), Columns.nullableLong(rs, "camera_id"), rs.getString("camera_name"),
                rs.getString("path"), Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"),
                ms == null ? null : Duration.ofMillis(ms), Columns.nullableLong(rs, "bytes"), rs.getString("sha256"),
                rs.getString("prev_sha256"), rs.getString("codec"), rs.getBoolean("stream_copied"),
                rs.getBoolean("interrupted"));
    }

    private static Clip clip(ResultSet rs, StatementContext ctx) throws SQLException {
        Long ms = Columns.nullableLong(rs, "duration_ms");
        return new Clip(rs.getLong("id"), Columns.nullableLong(rs, "camera_id"), rs.getString("path"),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "closed_at"), ms == null ? null : Duration.ofMillis(ms),
                Columns.nullableLong(rs, "bytes"), rs.getString("sha256"), rs.getString("codec"),
                rs.getBoolean("stream_copied"), rs.getString("fallback_reason"), rs.getBoolean("interrupted"));
    }

    private static Camera camera(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Camera(rs.getLong("id"), rs.getString("name"), rs.getString("url"),
                rs.getString("sub_url"), rs.getString("username"), rs.getString("password"),
                rs.getString("rtsp_transport"), rs.getBoolean("enabled"), rs.getString("location"), rs.getString("notes"),
                rs.getString("detect_settings"), rs.getString("event_rules"), rs.getString("recording"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static RecordingGap gap(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RecordingGap(rs.getLong("id"), rs.getLong("camera_id"),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"),
                RecordingGap.Reason.parse(rs.getString("reason")), rs.getString("detail"));
    }

    private static StoredDetection detection(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredDetection(rs.getLong("id"), rs.getLong("event_id"), Columns.instant(rs, "ts"),
                rs.getString("label"), rs.getFloat("score"),
                new Box(rs.getFloat("box_x"), rs.getFloat("box_y"), rs.getFloat("box_w"), rs.getFloat("box_h")),
                Columns.landmarks(rs.getString("landmarks")), rs.getString("crop_path"),
                Columns.nullableLong(rs, "track_id"));
    }

    private static TimelineEvent timelineEvent(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TimelineEvent(rs.getLong("id"), Columns.nullableLong(rs, "camera_id"),
                rs.getString("camera_name"), rs.getString("label"), Columns.instant(rs, "started_at"),
                Columns.instant(rs, "ended_at"), EventStatus.parse(rs.getString("status")), rs.getFloat("peak_score"));
    }

    private static User user(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("user_name"), rs.getString("display_name"),
                Role.parse(rs.getString("role")), Columns.instant(rs, "created_at"), Columns.instant(rs, "disabled_at"));
    }
}
