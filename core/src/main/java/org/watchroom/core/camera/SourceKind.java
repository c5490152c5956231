package org.watchroom.core.camera;

/** Where a camera's pictures come from; decides FFmpeg options, pacing and whether a loop is possible. */
public enum SourceKind {
    RTSP(true), RTMP(true), HTTP(true), FILE(false), WEBCAM(true), LAVFI(false);

    private final boolean live;

    SourceKind(boolean live) { this.live = live; }

    /** Live sources deliver in real time; the others are paced from packet timestamps by the reader. */
    public boolean live() { return live; }
}
