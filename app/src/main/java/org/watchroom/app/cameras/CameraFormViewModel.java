package org.watchroom.app.cameras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.store.Camera;

/**
 * The add / edit form of one camera, validated as the person types. The user name and password have fields of
 * their own (an existing camera's password is never shown: left empty, the stored one stays); credentials typed
 * into the URL win over them and are moved apart on save, as from the command line. The URL field holds the address
 * without credentials. The recording mode and the
 * camera's own retention (keep days, keep size such as {@code 500G}) are checked by {@link RecordingPolicy} as typed
 * and saved in the camera's {@code recording} JSON; a new camera records continuously.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class CameraFormViewModel {
    private final Camera existing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty subUrl = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    /** Typed here only; empty for an existing camera means "keep the stored password". */
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty location = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty rtspTransport = new SimpleStringProperty("tcp");
    private final StringProperty recordMode = new SimpleStringProperty(RecordingPolicy.Mode.CONTINUOUS.json());
    private final StringProperty keepDays = new SimpleStringProperty("");
    private final StringProperty keepSize = new SimpleStringProperty("");
    private final BooleanProperty detect = new SimpleBooleanProperty(true);
    private final StringProperty detectFps = new SimpleStringProperty("5");
    private final StringProperty faces = new SimpleStringProperty("whole_frame");
    private final StringProperty labels = new SimpleStringProperty(String.join(", ", DetectConfig.DEFAULT_LABELS));
    private final StringProperty minScores = new SimpleStringProperty("");
    private final StringProperty minAreas = new SimpleStringProperty("");
    private final DetectConfig storedDetect;
    /** The stored policy (its segment length is kept), or the defaults for a new camera or unreadable JSON. */
    private final RecordingPolicy storedPolicy;
    private final ObservableList<Suppression> suppressions = FXCollections.observableArrayList();
    private final StringBinding problem;
    private final BooleanBinding valid;

    public CameraFormViewModel(Camera existing) {
        this.existing = existing;
        if (existing != null) {
            name.set(existing.name());
            url.set(existing.url());
            subUrl.set(existing.subUrl() == null ? "" : existing.subUrl());
            username.set(existing.username() == null ? "" : existing.username());
            location.set(existing.location() == null ? "" : existing.location());
            notes.set(existing.notes() == null ? "" : existing.notes());
            rtspTransport.set(existing.rtspTransport());
            setSuppressions(existing.eventRules());
        }
        storedPolicy = storedPolicy(existing);
        storedDetect = storedDetect(existing);
        detect.set(storedDetect.enabled());
        detectFps.set(number(storedDetect.fps()));
        faces.set(storedDetect.faces().name().toLowerCase(Locale.ROOT));
        labels.set(String.join(", ", storedDetect.labels()));
        if (existing != null) {
            readThresholds(existing.eventRules());
        }
        recordMode.set(storedPolicy.mode().json());
        keepDays.set(storedPolicy.keepDays() == null ? "" : String.valueOf(storedPolicy.keepDays()));
        keepSize.set(storedPolicy.keepSize() == null ? "" : storedPolicy.keepSize());
        problem = Bindings.createStringBinding(this::validate, name, url, subUrl, username, password, location, notes,
                recordMode,
                keepDays, keepSize, detect, detectFps, faces, labels, minScores, minAreas);
        valid = problem.isEmpty();
    }

    private String validate() {
        if (name.get().isBlank()) {
            return "Enter a name for the camera.";
        }
        if (url.get().isBlank()) {
            return "Enter the camera's stream URL, e.g. rtsp://user:password@192.168.1.20:554/stream1";
        }
        try {
            CameraUrl.parse(url.get());
            if (!subUrl.get().isBlank()) {
                CameraUrl.parse(subUrl.get());
            }
            recordingPolicy();
            detectConfig();
            thresholds(minScores.get(), 1, "minimum score", 1);
            thresholds(minAreas.get(), 100, "minimum area", 0.01);
            toCamera().requireFitsColumns(); // as the store will (a password longer than its column)
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage(); // never quotes the URL or a field's value
        }
    }

    /** The URL to test: what is typed, with the credentials of the fields (an existing camera's stored password). */
    public CameraUrl urlToTest() {
        Camera credentials = withFieldCredentials(existing != null ? existing
                : Camera.create(name.get().isBlank() ? "test" : name.get(), url.get(), null, null));
        return CameraUrl.parse(url.get(), credentials.username(), credentials.password());
    }

    /** The camera to save; only call when {@link #validBinding()} is true. */
    public Camera toCamera() {
        Camera base = existing != null ? existing : Camera.create(name.get(), url.get(), subUrl.get(), location.get());
        return withFieldCredentials(base.withDetails(name.get(), url.get(), subUrl.get(), location.get(), notes.get()))
                .withRtspTransport(rtspTransport.get()).withRecording(recordingPolicy().toJson())
                .withDetectSettings(detectConfig().toJson());
    }

    /**
     * {@code camera} with the user and password fields, unless the URL carries credentials (they win); an empty
     * password keeps an existing camera's stored one while its user stays the same.
     */
    private Camera withFieldCredentials(Camera camera) {
        if (CameraUrl.parse(url.get()).username() != null) {
            return camera;
        }
        String user = username.get().strip();
        if (user.isEmpty()) {
            return camera.withCredentials(null, null);
        }
        boolean keep = password.get().isEmpty() && existing != null && user.equals(existing.username());
        return camera.withCredentials(user, keep ? existing.password() : password.get());
    }

    /** The detection settings as typed (what is not in the form stays as stored); an exception says what is wrong. */
    public DetectConfig detectConfig() {
        double fps;
        try {
            fps = Double.parseDouble(detectFps.get().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Detection passes per second is a number (like 5), not '"
                    + detectFps.get() + "'.");
        }
        List<String> names = Arrays.stream(labels.get().split(",")).map(String::strip).filter(l -> !l.isEmpty())
                .toList();
        return new DetectConfig(detect.get(), fps, storedDetect.forceEverySeconds(),
                DetectConfig.FaceMode.valueOf(faces.get().toUpperCase(Locale.ROOT)), names,
                storedDetect.minScores(), storedDetect.minBoxArea());
    }

    /**
     * {@code rules} with the minimum score and area per label typed in the form ({@code person=0.6, car=0.8};
     * areas in % of the picture).
     */
    public EventRuleConfig withThresholds(EventRuleConfig rules) {
        return rules.withThresholds(thresholds(minScores.get(), 1, "minimum score", 1),
                thresholds(minAreas.get(), 100, "minimum area", 0.01));
    }

    /** Reads {@code label=value, ...}; values between 0 and {@code max}, multiplied by {@code scale}. */
    private static Map<String, Double> thresholds(String text, double max, String what, double scale) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("Write the " + what + " per label as label=value, like person=0.6.");
            }
            try {
                double v = Double.parseDouble(kv[1].strip());
                if (!(v >= 0 && v <= max)) {
                    throw new NumberFormatException();
                }
                out.put(kv[0].strip(), v * scale);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The " + what + " of " + kv[0].strip() + " is a number from 0 to "
                        + number(max) + ".");
            }
        }
        return out;
    }

    private void readThresholds(String eventRulesJson) {
        try {
            Map<String, EventRuleConfig.LabelOverride> overrides = EventRuleConfig.parse(eventRulesJson).overrides();
            StringJoiner scores = new StringJoiner(", ");
            StringJoiner areas = new StringJoiner(", ");
            new TreeMap<>(overrides).forEach((label, o) -> { // by label: stored maps keep no order
                if (o.minScore() != null) {
                    scores.add(label + "=" + number(o.minScore()));
                }
                if (o.minBoxArea() != null) {
                    areas.add(label + "=" + number(o.minBoxArea() * 100));
                }
            });
            minScores.set(scores.toString());
            minAreas.set(areas.toString());
        } catch (IllegalArgumentException e) {
            // broken rules: the fields stay empty and saving keeps what is stored
        }
    }

    private static DetectConfig storedDetect(Camera existing) {
        if (existing == null) {
            return DetectConfig.defaults();
        }
        try {
            return DetectConfig.parse(existing.detectSettings());
        } catch (IllegalArgumentException e) {
            return DetectConfig.defaults(); // unreadable: the form shows the defaults, saving writes good JSON
        }
    }

    /** A number as a person would type it: no ".0", at most four decimals. */
    static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Math.round(v * 10_000) / 10_000.0);
    }

    /** The recording policy as typed; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public RecordingPolicy recordingPolicy() {
        String days = keepDays.get() == null ? "" : keepDays.get().strip();
        Integer d;
        try {
            d = days.isEmpty() ? null : Integer.valueOf(days);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Keep days must be a whole number of days (1-36500), not '" + days + "'.");
        }
        String size = keepSize.get() == null || keepSize.get().isBlank() ? null : keepSize.get().strip();
        return storedPolicy.withMode(RecordingPolicy.Mode.parse(recordMode.get())).withKeepDays(d).withKeepSize(size);
    }

    private static RecordingPolicy storedPolicy(Camera existing) {
        if (existing == null) {
            return RecordingPolicy.defaults();
        }
        try {
            return RecordingPolicy.parse(existing.recording());
        } catch (IllegalArgumentException e) {
            return RecordingPolicy.defaults(); // unreadable: the form shows the defaults, saving writes good JSON
        }
    }

    public boolean isNew() { return existing == null; }

    /** The stored camera's id; 0 for a new one. */
    public long cameraId() { return existing == null ? 0 : existing.id(); }

    /**
     * The camera's suppression regions (label and box, usually from "dismiss and suppress" in the alerts), one
     * row per region; removed through {@link CamerasViewModel#removeSuppression}. Not part of {@link #toCamera()}:
     * saving the form keeps the event rules as stored.
     */
    public ObservableList<Suppression> suppressions() { return suppressions; }

    /** Lists the suppression regions of {@code eventRulesJson}; bad rules list none. */
    void setSuppressions(String eventRulesJson) {
        List<Suppression> rows = new ArrayList<>();
        try {
            EventRuleConfig.parse(eventRulesJson).suppressions().forEach((label, regions) ->
                    regions.forEach(r -> rows.add(new Suppression(cameraId(), label, r))));
        } catch (IllegalArgumentException e) {
            // the camera's rules are broken; the engine logs it and events are off there
        }
        rows.sort(Comparator.comparing(Suppression::label));
        suppressions.setAll(rows);
    }

    public StringProperty nameProperty() { return name; }

    public StringProperty urlProperty() { return url; }

    public StringProperty usernameProperty() { return username; }

    /** The password as typed; empty keeps an existing camera's. */
    public StringProperty passwordProperty() { return password; }

    public StringProperty subUrlProperty() { return subUrl; }

    public StringProperty locationProperty() { return location; }

    public StringProperty notesProperty() { return notes; }

    /** {@code tcp} (default: works through NAT and loss) or {@code udp} (lower latency on a clean LAN). */
    public StringProperty rtspTransportProperty() { return rtspTransport; }

    /** {@code continuous} (new cameras), {@code motion}, {@code events} or {@code off}. */
    public StringProperty recordModeProperty() { return recordMode; }

    /** Days the camera's recording is kept; empty: the installation's retention decides. */
    public StringProperty keepDaysProperty() { return keepDays; }

    /** Most the camera's recording may take (like {@code 500G} or {@code 20M}); empty: no cap of its own. */
    public StringProperty keepSizeProperty() { return keepSize; }

    public BooleanProperty detectProperty() { return detect; }

    /** Detector passes per second at most, as typed. */
    public StringProperty detectFpsProperty() { return detectFps; }

    /** whole_frame, in_persons or off. */
    public StringProperty facesProperty() { return faces; }

    /** Comma-separated labels the detector reports. */
    public StringProperty labelsProperty() { return labels; }

    /** {@code label=score, ...}: the least score of each label that raises events. */
    public StringProperty minScoresProperty() { return minScores; }

    /** {@code label=percent, ...}: the least box area (of the picture) of each label that raises events. */
    public StringProperty minAreasProperty() { return minAreas; }

    /** Empty when the form can be saved, else what to fix. */
    public StringBinding problemBinding() { return problem; }

    public BooleanBinding validBinding() { return valid; }
}
