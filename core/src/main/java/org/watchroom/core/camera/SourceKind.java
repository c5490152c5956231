package org.watchroom.core.camera;

/** Where a camera's pictures come from; decides FFmpeg options, pacing and whether a loop is possible. */
public enum SourceKind {
    RTSP(true, false), RTMP(true, false), HTTP(true, false), FILE(false, false), WEBCAM(true, true), LAVFI(false, true);

    private final boolean live;
    private final boolean device;

    SourceKind(boolean live, boolean device) {
        this.live = live;
        this.device = device;
    }

    /** Whether FFmpeg opens it through its device library (avdevice), which needs system sound and X libraries. */
    public boolean device() { return device; }

    /** Live sources deliver in real time; the others are paced from packet timestamps by the reader. */
    public boolean live() { return live; }
}
