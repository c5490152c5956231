package org.watchroom.app.alerts;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.watchroom.app.thumbnail.ThumbnailCache;
import org.watchroom.core.store.Event;

/**
 * One alert in the list: thumbnail, camera and label, local time, peak and status; highlighted while it is fresh.
 *
 * <p>Thread-safety: FX thread only.
 */
final class AlertCell extends ListCell<Event> {
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.getDefault());
    private static final ThumbnailCache.Size THUMB = new ThumbnailCache.Size(96, 54);

    private final Set<Long> fresh;
    private final ThumbnailCache thumbnails;
    private final ImageView thumb = new ImageView();
    private final Label title = new Label();
    private final Label meta = new Label();
    private final Label status = new Label();
    private final HBox box;

    /**
     * @param fresh      ids of the alerts to highlight (the model's)
     * @param thumbnails the snapshot thumbnails, shared with the review pane
     */
    AlertCell(Set<Long> fresh, ThumbnailCache thumbnails) {
        this.fresh = fresh;
        this.thumbnails = thumbnails;
        getStyleClass().add("alert-cell");
        thumb.setFitWidth(THUMB.width());
        thumb.setFitHeight(THUMB.height());
        thumb.setPreserveRatio(true);
        Region frame = new Region();
        frame.setMinSize(THUMB.width(), THUMB.height());
        StackPane thumbBox = new StackPane(frame, thumb);
        title.getStyleClass().add("alert-camera");
        meta.getStyleClass().add("alert-meta");
        status.getStyleClass().add("alert-status");
        box = new HBox(8, thumbBox, new VBox(2, title, meta, status));
        box.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(Event e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
            setGraphic(null);
            setText(null);
            pseudoClassStateChanged(FRESH, false);
            return;
        }
        title.setText(e.cameraName() + " · " + e.label());
        meta.setText(time(e.startedAt()) + " · peak " + Math.round(e.peakScore() * 100) + "%"
                + (e.ongoing() ? " · ongoing" : ""));
        status.setText(e.status().dbValue() + (e.reviewedBy() == null ? "" : " by " + e.reviewedBy())
                + (e.note() == null ? "" : ": " + e.note()));
        status.getStyleClass().removeAll("pending", "confirmed", "dismissed");
        status.getStyleClass().add(e.status().dbValue());
        pseudoClassStateChanged(FRESH, fresh.contains(e.id()));
        showThumbnail(e);
        setText(null);
        setGraphic(box);
    }

    /** The object of the alert cut from its snapshot (the whole snapshot when its box is not known). */
    private void showThumbnail(Event e) {
        thumb.setImage(null);
        String path = e.snapshotPath();
        if (path == null) {
            return;
        }
        // at once when the picture is kept already; else later, if the cell still shows that alert by then
        Consumer<Image> show = image -> {
            if (getItem() != null && getItem().id() == e.id() && path.equals(getItem().snapshotPath())) {
                thumb.setImage(image);
            }
        };
        e.peakFraction().ifPresentOrElse(box -> thumbnails.loadCrop(Path.of(path), box, THUMB, show),
                () -> thumbnails.load(Path.of(path), THUMB, show));
    }

    /** Today's alerts by the time alone, older ones with their day. */
    static String time(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.systemDefault());
        return (local.toLocalDate().equals(LocalDate.now()) ? TODAY : OLDER).format(local);
    }
}
