package org.watchroom.core.detect.internal;

/**
 * Where the source frame sits inside the network input: its scaled size and padding offset for one
 * source size. Recomputed only when the source size changes; maps network coordinates back to the frame.
 *
 * <p>Thread-safety: none; owned by one preprocessor.
 */
public final class FrameGeometry {
    private int sourceWidth = -1;
    private int sourceHeight = -1;
    private float scaleX = 1;
    private float scaleY = 1;
    private int padX;
    private int padY;
    private int scaledWidth;
    private int scaledHeight;

    /** Recomputes for a {@code width x height} source; returns whether anything changed. */
    public boolean update(int width, int height, int inputWidth, int inputHeight, Preprocessing.Fit fit) {
        if (width == sourceWidth && height == sourceHeight) {
            return false;
        }
        sourceWidth = width;
        sourceHeight = height;
        switch (fit) {
            case STRETCH -> {
                scaleX = inputWidth / (float) width;
                scaleY = inputHeight / (float) height;
                scaledWidth = inputWidth;
                scaledHeight = inputHeight;
                padX = 0;
                padY = 0;
            }
            case LETTERBOX_TOP_LEFT -> {
                // YOLOX's preproc: r = min(...), resize to int(w*r) x int(h*r), image at (0, 0).
                float r = Math.min(inputWidth / (float) width, inputHeight / (float) height);
                scaleX = r;
                scaleY = r;
                scaledWidth = Math.min(inputWidth, Math.max(1, (int) (width * r)));
                scaledHeight = Math.min(inputHeight, Math.max(1, (int) (height * r)));
                padX = 0;
                padY = 0;
            }
            case LETTERBOX_CENTER -> {
                // Ultralytics' LetterBox: round(w*r), then pad (free/2 - 0.1) rounded on the left/top.
                float r = Math.min(inputWidth / (float) width, inputHeight / (float) height);
                scaleX = r;
                scaleY = r;
                scaledWidth = Math.min(inputWidth, Math.max(1, Math.round(width * r)));
                scaledHeight = Math.min(inputHeight, Math.max(1, Math.round(height * r)));
                padX = Math.max(0, Math.round((inputWidth - scaledWidth) / 2f - 0.1f));
                padY = Math.max(0, Math.round((inputHeight - scaledHeight) / 2f - 0.1f));
            }
        }
        return true;
    }

    public float sourceX(float inputX) { return (inputX - padX) / scaleX; }

    public float sourceY(float inputY) { return (inputY - padY) / scaleY; }

    public int sourceWidth() { return sourceWidth; }

    public int sourceHeight() { return sourceHeight; }

    public int padX() { return padX; }

    public int padY() { return padY; }

    public int scaledWidth() { return scaledWidth; }

    public int scaledHeight() { return scaledHeight; }
}
