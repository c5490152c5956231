package org.watchroom.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.detect.Box;

/**
 * An event as stored: one object of one label seen by one camera over a span of time.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id           database id
 * @param cameraId     the camera's id, or null for a camera that is not configured (demo) or was removed
 * @param cameraName   the camera's name when the event started, kept for evidence
 * @param label        what was seen ({@code person}, {@code face}, …)
 * @param startedAt    first detection
 * @param endedAt      when it ended, or null while it is still going on
 * @param peakScore    best score so far
 * @param peakBox      the box of the best detection, or null
 * @param snapshotPath picture of the best moment, or null
 * @param status       review state
 * @param reviewedBy   who confirmed or dismissed it, or null
 * @param reviewedAt   when, or null
 * @param note         the reviewer's note, or null
 * @param interrupted  the recorder or engine stopped (crash, power loss) before the event ended normally
 * @param hold         evidence hold: retention keeps the event and its clips until it is released
 * @param continuesEventId the event this one goes on from (that one reached its camera's maximum length), or null
 * @param trackId      the tracked object the event is about (its number on the camera in that run of the engine),
 *                     or null (simulated events, events from before tracking)
 * @param zones        the named zones its object was in when it started; empty when none
 * @param frameSize    the detector frame {@code peakBox} is measured in, or null when it was not recorded
 */
public record Event(long id, Long cameraId, String cameraName, String label, Instant startedAt, Instant endedAt,
                    float peakScore, Box peakBox, String snapshotPath, EventStatus status, String reviewedBy,
                    Instant reviewedAt, String note, boolean interrupted, boolean hold, Long continuesEventId,
                    Long trackId, List<String> zones, FrameSize frameSize) {

    public Event {
        zones = zones == null ? List.of() : List.copyOf(zones);
    }


    /**
     * The peak box as fractions of the picture (x, y, width, height), for cropping any picture of the event; empty
     * without a box or a frame size.
     */
    public Optional<double[]> peakFraction() {
        if (peakBox == null || frameSize == null) {
            return Optional.empty();
        }
        return Optional.of(new double[] {peakBox.x() / frameSize.width(), peakBox.y() / frameSize.height(),
                peakBox.width() / frameSize.width(), peakBox.height() / frameSize.height()});
    }

    public boolean ongoing() {
        return endedAt == null;
    }

    /** The subject of this event's audit rows. */
    public static String subject(long eventId) {
        return "event:" + eventId;
    }
}
