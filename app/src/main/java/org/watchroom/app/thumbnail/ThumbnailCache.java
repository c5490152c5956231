package org.watchroom.app.thumbnail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import org.watchroom.app.fx.TaskExecutor;

/**
 * Small pictures of snapshot and crop files for every pane that shows them (the alerts list's cells, the review
 * pane's pictures): decoded off the FX thread through the {@link TaskExecutor}, then kept, the least recently used
 * dropped beyond {@value #CAPACITY}. A file asked for again while it loads is decoded once. A file that is missing
 * or cannot be decoded is not kept, so it is tried again the next time (a snapshot may still be on its way).
 *
 * <p>Thread-safety: FX thread only.
 */
public final class ThumbnailCache {
    static final int CAPACITY = 300;

    private final TaskExecutor executor;
    /** Pictures by file and size, in access order: the eldest is the least recently shown. */
    private final Map<Key, Image> images = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) {
            return size() > CAPACITY;
        }
    };
    /** Who waits for a picture being decoded now. */
    private final Map<Key, List<Consumer<Image>>> loading = new HashMap<>();

    /** The box a picture is scaled into, its ratio kept; 0 leaves that side free. */
    public record Size(double width, double height) {
    }

    /**
     * @param crop the part of the picture to keep, as fractions (x, y, width, height), or null for all of it
     */
    private record Key(Path file, Size size, List<Double> crop) {
    }

    public ThumbnailCache(TaskExecutor executor) {
        this.executor = executor;
    }

    /**
     * Hands {@code show} the picture of {@code file} scaled into {@code size}: now when it is kept, else on the FX
     * thread once decoded; never when the file is missing or cannot be decoded.
     */
    public void load(Path file, Size size, Consumer<Image> show) {
        load(new Key(file, size, null), show);
    }

    /**
     * {@link #load}, of the part of the picture around an object: {@code box} is x, y, width and height as fractions
     * of the picture; a margin is kept around it and the part is widened to the shape of {@code size}, so that the
     * object fills the thumbnail instead of being a speck in a full frame.
     */
    public void loadCrop(Path file, double[] box, Size size, Consumer<Image> show) {
        load(new Key(file, size, List.of(box[0], box[1], box[2], box[3])), show);
    }

    private void load(Key key, Consumer<Image> show) {
        Image kept = images.get(key);
        if (kept != null) {
            show.accept(kept);
            return;
        }
        List<Consumer<Image>> waiting = loading.get(key);
        if (waiting != null) {
            waiting.add(show);
            return;
        }
        loading.put(key, new ArrayList<>(List.of(show)));
        try {
            executor.submit(() -> decode(key), image -> {
                List<Consumer<Image>> shows = loading.remove(key);
                if (image == null || image.isError()) {
                    return;
                }
                images.put(key, image);
                shows.forEach(s -> s.accept(image));
            }, failure -> loading.remove(key));
        } catch (RuntimeException refused) { // an executor shut down: no key may wait for ever
            loading.remove(key);
            throw refused;
        }
    }

    /**
     * {@link #load}, but decoded from the file again even when a picture of it is kept: for a file that is
     * rewritten in place (an event's peak snapshot is replaced each time its score rises), so that a pane showing
     * one event at a time shows the picture as it is now.
     */
    public void reload(Path file, Size size, Consumer<Image> show) {
        images.remove(new Key(file, size, null));
        load(file, size, show);
    }

    /** Off the FX thread: the decoded picture, or null when there is no file. */
    private static Image decode(Key key) {
        if (!Files.exists(key.file())) {
            return null;
        }
        if (key.crop() == null) {
            return new Image(key.file().toUri().toString(), key.size().width(), key.size().height(), true, true, false);
        }
        Image full = new Image(key.file().toUri().toString(), false);
        if (full.isError() || full.getWidth() < 1 || full.getHeight() < 1) {
            return null;
        }
        double[] part = around(key.crop(), full.getWidth(), full.getHeight(), key.size());
        return new WritableImage(full.getPixelReader(), (int) part[0], (int) part[1], (int) part[2], (int) part[3]);
    }

    /** The pixel rectangle around a box: half its size again as margin, widened to the thumbnail's shape, clipped. */
    static double[] around(List<Double> box, double width, double height, Size size) {
        double w = Math.max(box.get(2) * width * 1.5, 16);
        double h = Math.max(box.get(3) * height * 1.5, 16);
        double aspect = size.width() > 0 && size.height() > 0 ? size.width() / size.height() : w / h;
        if (w / h < aspect) {
            w = h * aspect;
        } else {
            h = w / aspect;
        }
        w = Math.min(w, width);
        h = Math.min(h, height);
        double cx = (box.get(0) + box.get(2) / 2) * width;
        double cy = (box.get(1) + box.get(3) / 2) * height;
        double x = Math.min(Math.max(0, cx - w / 2), width - w);
        double y = Math.min(Math.max(0, cy - h / 2), height - h);
        return new double[] {Math.floor(x), Math.floor(y), Math.max(1, Math.floor(w)), Math.max(1, Math.floor(h))};
    }
}
