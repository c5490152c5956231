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

    private record Key(Path file, Size size) {
    }

    public ThumbnailCache(TaskExecutor executor) {
        this.executor = executor;
    }

    /**
     * Hands {@code show} the picture of {@code file} scaled into {@code size}: now when it is kept, else on the FX
     * thread once decoded; never when the file is missing or cannot be decoded.
     */
    public void load(Path file, Size size, Consumer<Image> show) {
        Key key = new Key(file, size);
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
        images.remove(new Key(file, size));
        load(file, size, show);
    }

    /** Off the FX thread: the decoded picture, or null when there is no file. */
    private static Image decode(Key key) {
        if (!Files.exists(key.file())) {
            return null;
        }
        return new Image(key.file().toUri().toString(), key.size().width(), key.size().height(), true, true, false);
    }
}
