package org.watchroom.app.timeline;

import java.util.List;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import org.watchroom.core.store.HourlyDetections;

/**
 * Detections per hour of the day in the middle of the timeline's view, one stacked series per camera.
 *
 * <p>Thread-safety: FX thread only.
 */
final class HourlyChart extends StackedBarChart<String, Number> {

    HourlyChart() {
        super(new CategoryAxis(), new NumberAxis());
        setId("timeline-chart");
        setAnimated(false);
        setLegendVisible(true);
        setTitle("Detections per hour");
        setMinHeight(0);
        setPrefHeight(200);
    }

    /** Shows {@code hourly}; null clears the chart. */
    void show(HourlyDetections hourly) {
        getData().clear();
        if (hourly == null) {
            return;
        }
        List<String> categories = HourCategories.of(hourly);
        ((CategoryAxis) getXAxis()).getCategories().setAll(categories);
        for (HourlyDetections.CameraHours c : hourly.cameras()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(c.cameraName());
            for (int i = 0; i < categories.size(); i++) {
                series.getData().add(new XYChart.Data<>(categories.get(i), c.counts().get(i)));
            }
            getData().add(series);
        }
    }
}
