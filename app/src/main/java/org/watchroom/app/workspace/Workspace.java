package org.watchroom.app.workspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.watchroom.core.settings.SharedView;

/**
 * How one person left the window: where it was and how large (or maximised), the theme, the wall's layout and tour,
 * which panes showed and how the dividers shared the room, their own views and the view shown. Written as JSON; a field a later version adds is read as
 * absent by this one, and the other way round.
 *
 * <p>Thread-safety: immutable.
 *
 * @param layout      a {@code WallLayout} constant's name
 * @param wallShare   the wall's share of the window's width (0 to 1)
 * @param alertsShare the alerts list's share of the side pane's height (0 to 1)
 * @param views       the person's own named views
 * @param view        the name of the view shown (theirs or a shared one); null: every camera
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Workspace(double x, double y, double width, double height, boolean maximized, boolean lightTheme,
                        String layout, int tourSeconds, boolean alertsShown, boolean timelineShown, double wallShare,
                        double alertsShare, List<SharedView> views, String view) {
    /** The smallest window a saved workspace brings back (a window saved tiny by accident still opens usable). */
    static final double MIN_WIDTH = 640;
    static final double MIN_HEIGHT = 400;

    public Workspace {
        width = Math.max(MIN_WIDTH, width);
        height = Math.max(MIN_HEIGHT, height);
        layout = layout == null ? "AUTO" : layout;
        tourSeconds = Math.max(0, tourSeconds);
        wallShare = share(wallShare, 0.7);
        alertsShare = share(alertsShare, 0.42);
        views = views == null ? List.of() : List.copyOf(views);
    }

    private static double share(double value, double fallback) {
        return value > 0.05 && value < 0.95 ? value : fallback;
    }
}
