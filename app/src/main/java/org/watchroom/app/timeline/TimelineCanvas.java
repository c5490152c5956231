package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.TimelineEvent;

/**
 * Paints a {@link TimelineLayout}: axis with ticks (the date where a view crosses midnight), camera strips, event
 * bars coloured by label, and under them each camera's recording band (footage, gaps in their reason's colour).
 * Pending bars are solid, confirmed ones solid with a white outline and a ✓, dismissed ones faded and hatched; a red
 * line marks now, a white one the moment the recording player shows. Cameras picked to play together have their
 * names marked; a time range selected for export is a translucent blue band over its cameras' strips, labelled with
 * its start, end and length. One canvas for all events keeps thousands of them cheap.
 *
 * <p>Thread-safety: FX thread only.
 */
final class TimelineCanvas extends Canvas {
    private static final Color LABELS = Color.web("#0d1117");
    private static final Color STRIP_A = Color.web("#161b22");
    private static final Color STRIP_B = Color.web("#1c2128");
    private static final Color GRID = Color.web("#30363d");
    private static final Color TEXT = Color.web("#e6edf3");
    private static final Color NOW = Color.web("#f85149");
    private static final Color PLAYHEAD = Color.WHITE;
    private static final Color PICKED = Color.web("#388bfd");
    private static final Color MIDNIGHT = Color.web("#8b949e");
    private static final Color RANGE_FILL = Color.web("#58a6ff", 0.3);
    private static final Color RANGE_EDGE = Color.web("#58a6ff");
    private static final Color RANGE_LABEL_BACK = Color.web("#0d1117", 0.85);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM");
    private static final Font SMALL = Font.font(11);
    private static final Font BOLD = Font.font(null, FontWeight.BOLD, 12);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    TimelineCanvas() {
        setId("timeline-canvas");
        setFocusTraversable(true);
    }

    /**
     * {@code picked}: strip indexes chosen to play together; {@code playhead}: the player's moment, or null;
     * {@code range}: the time range selected for export, or null.
     */
    void paint(TimelineLayout layout, ZoneId zone, Instant now, Set<Integer> picked, Instant playhead,
               RangeSelection range) {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.setGlobalAlpha(1);
        g.setFill(LABELS);
        g.fillRect(0, 0, w, h);
        for (int s = 0; s < layout.strips().size(); s++) {
            g.setFill(s % 2 == 0 ? STRIP_A : STRIP_B);
            g.fillRect(TimelineLayout.LABEL_WIDTH, layout.stripTop(s), w - TimelineLayout.LABEL_WIDTH, TimelineLayout.STRIP_HEIGHT);
            if (picked.contains(s)) {
                g.setFill(PICKED);
                g.fillRect(0, layout.stripTop(s) + 2, 4, TimelineLayout.STRIP_HEIGHT - 4);
                g.setStroke(PICKED);
                g.setLineWidth(1);
                g.strokeRect(1.5, layout.stripTop(s) + 1.5, TimelineLayout.LABEL_WIDTH - 4, TimelineLayout.STRIP_HEIGHT - 3);
            }
            g.setFill(TEXT);
            g.setFont(BOLD);
            g.setTextBaseline(VPos.CENTER);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(layout.strips().get(s).name(), 6, layout.stripTop(s) + TimelineLayout.STRIP_HEIGHT / 2,
                    TimelineLayout.LABEL_WIDTH - 12);
        }
        axis(g, layout, zone, h);
        midnights(g, layout, zone, h);
        for (TimelineLayout.Band b : layout.bands()) {
            g.setFill(Color.web(b.colour()));
            g.fillRect(b.x0(), b.y0(), b.x1() - b.x0(), b.y1() - b.y0());
        }
        g.setGlobalAlpha(1);
        for (Bar b : layout.bars()) {
            bar(g, b);
        }
        if (range != null) {
            range(g, layout, range, zone, w);
        }
        double nowX = layout.xOf(now);
        if (nowX >= TimelineLayout.LABEL_WIDTH && nowX <= w) {
            g.setStroke(NOW);
            g.setLineWidth(1.5);
            g.strokeLine(nowX, TimelineLayout.AXIS_HEIGHT - 4, nowX, h);
        }
        if (playhead != null) {
            double x = layout.xOf(playhead);
            if (x >= TimelineLayout.LABEL_WIDTH && x <= w) {
                g.setStroke(PLAYHEAD);
                g.setLineWidth(2);
                g.strokeLine(x, TimelineLayout.AXIS_HEIGHT - 8, x, h);
            }
        }
    }

    /**
     * The range selected for export: a translucent band over its cameras' strips with solid edges, and its start, end
     * and length written at the top of the first of them (inside the band when it fits, else beside it).
     */
    private static void range(GraphicsContext g, TimelineLayout layout, RangeSelection range, ZoneId zone,
                              double w) {
        double a = layout.xOf(range.from());
        double b = layout.xOf(range.to());
        if (b < TimelineLayout.LABEL_WIDTH || a > w) {
            return; // selected elsewhere in time: the header still says what and when
        }
        double x0 = Math.max(TimelineLayout.LABEL_WIDTH, a);
        double x1 = Math.max(Math.min(w, b), x0 + 1);
        double firstTop = -1;
        for (int s = 0; s < layout.strips().size(); s++) {
            if (!range.holds(layout.strips().get(s))) {
                continue;
            }
            double top = layout.stripTop(s);
            firstTop = firstTop < 0 ? top : firstTop;
            g.setFill(RANGE_FILL);
            g.fillRect(x0, top, x1 - x0, TimelineLayout.STRIP_HEIGHT);
            g.setStroke(RANGE_EDGE);
            g.setLineWidth(2);
            if (a >= TimelineLayout.LABEL_WIDTH) {
                g.strokeLine(a, top, a, top + TimelineLayout.STRIP_HEIGHT);
            }
            if (b <= w) {
                g.strokeLine(b, top, b, top + TimelineLayout.STRIP_HEIGHT);
            }
        }
        if (firstTop < 0) {
            return;
        }
        String label = range.shortTimes(zone);
        g.setFont(SMALL);
        Text measure = new Text(label);
        measure.setFont(SMALL);
        double textWidth = measure.getLayoutBounds().getWidth();
        double lx = x1 - x0 >= textWidth + 8 ? x0 + 4 : x1 + 4 + textWidth <= w ? x1 + 4 : Math.max(
                TimelineLayout.LABEL_WIDTH, x0 - textWidth - 8);
        g.setFill(RANGE_LABEL_BACK);
        g.fillRect(lx - 2, firstTop + 1, textWidth + 4, 14);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, lx, firstTop + 8);
    }

    /** A dashed line at each local midnight in view (the axis names the new day there). */
    private static void midnights(GraphicsContext g, TimelineLayout layout, ZoneId zone, double h) {
        TimelineScale s = layout.scale();
        LocalDate d = s.viewStart().atZone(zone).toLocalDate().plusDays(1);
        for (int guard = 0; guard < 3; guard++, d = d.plusDays(1)) {
            Instant midnight = d.atStartOfDay(zone).toInstant();
            if (!midnight.isBefore(s.viewEnd())) {
                return;
            }
            double x = Math.round(layout.xOf(midnight)) + 0.5;
            g.setStroke(MIDNIGHT);
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeLine(x, 0, x, h);
            g.setLineDashes(null);
        }
    }

    private static void axis(GraphicsContext g, TimelineLayout layout, ZoneId zone, double h) {
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(layout.scale(), zone, layout.plotWidth(), 70);
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (TimeTicks.Tick t : ticks) {
            double x = Math.round(TimelineLayout.LABEL_WIDTH + t.x()) + 0.5;
            g.setStroke(GRID);
            g.strokeLine(x, TimelineLayout.AXIS_HEIGHT - 5, x, h);
            g.setFill(TEXT);
            var local = t.at().atZone(zone);
            boolean midnight = local.toLocalTime().equals(LocalTime.MIDNIGHT);
            g.setFont(midnight ? BOLD : SMALL); // a new day is named where it starts
            g.fillText(midnight ? DATE.format(local) : t.label(), x, TimelineLayout.AXIS_HEIGHT / 2 - 2);
        }
        g.setFont(SMALL);
    }

    private static void bar(GraphicsContext g, Bar b) {
        Color colour = Color.web(b.kind().colour());
        double w = b.x1() - b.x0();
        double h = b.y1() - b.y0();
        EventStatus status = b.event().status();
        g.setGlobalAlpha(status == EventStatus.DISMISSED ? 0.35 : 1);
        g.setFill(colour);
        g.fillRect(b.x0(), b.y0(), w, h);
        g.setGlobalAlpha(1);
        if (status == EventStatus.DISMISSED) {
            g.save();
            g.beginPath();
            g.rect(b.x0(), b.y0(), w, h);
            g.clip();
            g.setStroke(colour);
            g.setLineWidth(1);
            for (double x = b.x0() - h; x < b.x1(); x += 6) {
                g.strokeLine(x, b.y1(), x + h, b.y0());
            }
            g.restore();
        } else if (status == EventStatus.CONFIRMED) {
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeRect(b.x0() + 1, b.y0() + 1, Math.max(1, w - 2), Math.max(1, h - 2));
            if (w > 16) {
                g.setFill(Color.WHITE);
                g.setFont(BOLD);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText("✓", b.x0() + 4, b.centreY());
            }
        }
    }

    /** The hover text of an event. */
    static String describe(TimelineEvent e, ZoneId zone, Instant now) {
        Instant end = e.endedAt() != null ? e.endedAt() : now;
        Duration d = Duration.between(e.startedAt(), end);
        String length = d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : Math.max(0, d.toSeconds()) + " s";
        return e.cameraName() + " · " + e.label() + " (#" + e.id() + ")\n"
                + TIME.format(e.startedAt().atZone(zone)) + " – "
                + (e.endedAt() == null ? "ongoing" : TIME.format(e.endedAt().atZone(zone))) + " (" + length + ")\n"
                + e.status().dbValue() + " · peak " + String.format(Locale.ROOT, "%.2f", e.peakScore());
    }
}
