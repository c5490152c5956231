package org.watchroom.core.evidence;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The relative paths inside a package: {@code /}-separated, no {@code ..}, no absolute paths, so that a
 * manifest can never point a verifier outside the package folder.
 *
 * <p>Thread-safety: stateless.
 */
public final class PackagePaths {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private PackagePaths() {
    }

    public static boolean valid(String path) {
        return SAFE.matcher(path).matches() && !path.contains("..");
    }

    public static String event(long id) {
        return "events/" + id + ".json";
    }

    public static String clip(long id) {
        return "clips/" + id + ".mp4";
    }

    public static String snapshot(long eventId) {
        return "snapshots/event-" + eventId + ".jpg";
    }

    public static String crop(long detectionId) {
        return "crops/detection-" + detectionId + ".jpg";
    }

    /** An event's own range of its camera's recording, cut by stream copy. */
    public static String eventRecording(long eventId) {
        return "clips/event-" + eventId + ".mp4";
    }

    /** A camera's cut of an exported time range. */
    public static String recording(long cameraId) {
        return "recordings/camera-" + cameraId + ".mp4";
    }

    /** What is known about a camera's cut: its segments, their hashes and chain, its gaps. */
    public static String recordingDocument(long cameraId) {
        return "recordings/camera-" + cameraId + ".json";
    }

    /** A recorded segment copied byte for byte (its hash is the one recorded). */
    public static String segment(long cameraId, long segmentId) {
        return "recordings/camera-" + cameraId + "/segment-" + segmentId + ".mp4";
    }

    /** {@code folder}'s file for a package path. */
    public static Path resolve(Path folder, String path) {
        return folder.resolve(path.replace('/', folder.getFileSystem().getSeparator().charAt(0)));
    }

    /** The package path of a file under {@code folder}. */
    public static String of(Path folder, Path file) {
        return folder.relativize(file).toString().replace(folder.getFileSystem().getSeparator(), "/");
    }
}
