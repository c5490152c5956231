package org.watchroom.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.watchroom.app.admin.AdminMenu;
import org.watchroom.app.alerts.AlertChime;
import org.watchroom.app.alerts.AlertsView;
import org.watchroom.app.alerts.AlertsViewModel;
import org.watchroom.app.cameras.CamerasView;
import org.watchroom.app.cameras.CamerasViewModel;
import org.watchroom.app.closing.StopRecorderDialog;
import org.watchroom.app.closing.StopRecorderViewModel;
import org.watchroom.app.export.ExportFolder;
import org.watchroom.app.export.ExportView;
import org.watchroom.app.export.ExportViewModel;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.app.keys.KeySection;
import org.watchroom.app.review.RecordingView;
import org.watchroom.app.review.RecordingViewModel;
import org.watchroom.app.review.ReviewView;
import org.watchroom.app.review.ReviewViewModel;
import org.watchroom.app.session.RoleGate;
import org.watchroom.app.session.SessionOverlay;
import org.watchroom.app.session.SessionViewModel;
import org.watchroom.app.session.UserMenu;
import org.watchroom.app.status.StatusBar;
import org.watchroom.app.status.StatusViewModel;
import org.watchroom.app.thumbnail.ThumbnailCache;
import org.watchroom.app.timeline.TimelineView;
import org.watchroom.app.timeline.TimelineViewModel;
import org.watchroom.app.wall.CameraListView;
import org.watchroom.app.wall.StillSaver;
import org.watchroom.app.wall.ViewChooser;
import org.watchroom.app.wall.ViewsViewModel;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.app.wall.WallPager;
import org.watchroom.app.wall.WallView;
import org.watchroom.app.wall.WallViewModel;
import org.watchroom.app.workspace.WorkspaceStore;
import org.watchroom.core.account.Session;
import org.watchroom.core.archive.Archive;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.config.DataDirectory;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.evidence.ExportAudit;
import org.watchroom.core.playback.Recordings;

/**
 * The main window: toolbar (file, layout, cameras, alerts, timeline, theme), live wall with the alerts pane
 * and the selected alert's review pane on its right, the timeline under both when shown, status bar. The window's
 * keys are {@link WindowKeys}'s (F1 lists them all).
 *
 * <p>Thread-safety: FX thread only.
 */
public final class MainWindow {
    private static final String CSS = MainWindow.class.getResource("watchroom.css").toExternalForm();
    private final Stage stage;
    private final WallViewModel wallModel;
    private final WallView wall;
    private final StatusBar status;
    private final CamerasViewModel camerasModel;
    private final AlertsViewModel alertsModel;
    private final AlertsView alerts;
    private final TimelineView timeline;
    private final ReviewViewModel reviewModel;
    private final ReviewView review;
    private final RecordingViewModel recordingModel;
    private final RecordingView recording;
    private CamerasView camerasView;
    private final SessionViewModel sessionModel;
    private final SessionOverlay overlay;
    /** Users… and API… in the person menu; null in an archive window. */
    private AdminMenu adminMenu;
    /** Walls opened on other monitors (they outlive a lock, not this window). */
    private final List<SecondWall> secondWalls = new ArrayList<>();
    /** Each person's window; null in an archive window (nobody signs in there). */
    private Workspaces workspaces;
    /** Where exports go: the system's folder chooser, or a folder given by a test (none opens on Monocle). */
    private ExportFolder exportFolder = ExportFolder.DIALOG;

    /**
     * @param dataDir       the user's own data folder (an archive window logs here, never into the archive)
     * @param archive       the archive this window reviews offline, or empty for the live workstation
     * @param idleLock      lock after this long without keyboard or mouse ({@code session.idle_lock_minutes}); zero:
     *                      never
     * @param engine        the engine this window shows: in this process, or attached in another
     * @param auditTo       where exports from archives opened here are audited: the installation's log (in this
     *                      process, or in the recorder this window is attached to)
     */
    public MainWindow(Stage stage, EngineLink engine, Session session, TaskExecutor executor, Path dataDir,
                      Optional<Archive> archive, Duration idleLock, ExportAudit auditTo) {
        this.stage = stage;
        sessionModel = new SessionViewModel(session, executor);
        RoleGate gate = new RoleGate(sessionModel);
        EnginePorts ports = engine.ports(); // what the view models reach the engine through
        wallModel = new WallViewModel(ports.wall(), engine.frames(), ports.bus(), executor);
        wall = new WallView(wallModel);
        status = new StatusBar(new StatusViewModel(ports.control(), wallModel.runningProperty(), executor));
        camerasModel = new CamerasViewModel(ports.cameras(), ports.control(), session, executor);
        camerasModel.runningProperty().bind(wallModel.runningProperty());
        alertsModel = new AlertsViewModel(ports, session, executor);
        ThumbnailCache thumbnails = new ThumbnailCache(executor); // one cache for the alerts list and the review pane
        alerts = new AlertsView(alertsModel, thumbnails);
        // exports run where the engine's database is: in this process, or in the engine a window is attached to
        alerts.setOnExport(ids -> ExportView.open(stage, new ExportViewModel(engine.evidence(), session, executor),
                ids, exportFolder));
        gate.allow(alerts.exportAllowedProperty(), Permission.EXPORT);
        alertsModel.setChime(() -> executor.submit(AlertChime::play, played -> { }, failed -> { }));
        alertsModel.reload();
        // recordings are indexed by the engine (the data folder's, or an opened archive's copy); files are read here
        LongFunction<Recordings> recordings = id -> Recordings.stored(ports.segments(), ports.gaps(), engine.settings(), id);
        reviewModel = new ReviewViewModel(ports.events(), ports.bus(), executor, recordings);
        review = new ReviewView(reviewModel, thumbnails);
        recordingModel = new RecordingViewModel(recordings, executor, ZoneId.systemDefault());
        recording = new RecordingView(recordingModel);
        alertsModel.selectedProperty().subscribe(e -> reviewModel.load(e == null ? null : e.id()));
        alerts.onOtherKeys(e -> recordingModel.activeProperty().get() ? recording.handleKey(e) : review.handleKey(e));
        // the review pane shows the selected alert, or a recording picked on the timeline over it
        StackPane reviewArea = new StackPane(review, recording);
        reviewArea.setMinHeight(0);
        recording.visibleProperty().bind(recordingModel.activeProperty());
        review.visibleProperty().bind(recordingModel.activeProperty().not());

        ChoiceBox<WallLayout> layout = new ChoiceBox<>();
        layout.setId("layout-choice");
        layout.getItems().setAll(WallLayout.values());
        layout.valueProperty().bindBidirectional(wallModel.layoutProperty());
        WallPager pager = new WallPager(wallModel);
        ViewsViewModel viewsModel = new ViewsViewModel(wallModel, engine.settings(), session, executor);
        viewsModel.loadShared();
        ViewChooser views = new ViewChooser(viewsModel, wallModel);
        // the camera list beside the wall, to drag cameras onto tiles; it follows the engine's camera changes
        ports.bus().subscribe(WatchroomEvent.CamerasChanged.class, e -> executor.onUiThread(camerasModel::load));
        CameraListView cameraList = new CameraListView(camerasModel.cameras());
        ToggleButton cameraListToggle = new ToggleButton("Camera list");
        cameraListToggle.setId("camera-list-toggle");
        cameraList.visibleProperty().bind(cameraListToggle.selectedProperty());
        cameraList.managedProperty().bind(cameraList.visibleProperty());
        BorderPane wallArea = new BorderPane(wall);
        wallArea.setLeft(cameraList);
        // the wall's own controls on a bar over it: what it shows and how; the toolbar keeps the window's
        Button cameras = new Button("Cameras…");
        cameras.setId("open-cameras");
        cameras.setOnAction(e -> openCameras());
        ToggleButton light = new ToggleButton("Light theme");
        light.setId("theme-toggle");
        light.selectedProperty().subscribe(on -> applyTheme(on));
        ToggleButton overlays = new ToggleButton("Detections");
        overlays.setId("overlay-toggle");
        overlays.selectedProperty().bindBidirectional(wallModel.overlaysVisibleProperty());
        timeline = new TimelineView(new TimelineViewModel(ports, executor));
        PaneLayout panes = new PaneLayout(wallArea, alerts, reviewArea, timeline);
        timeline.setOnOpenEvent(id -> {
            panes.alertsToggle().setSelected(true);
            recordingModel.stopPlaying(); // the alert's review shows again
            alertsModel.reveal(id);
        });
        timeline.model().setOnPlay((strips, at) -> {
            panes.bigReviewToggle().setSelected(true); // playback takes the wall's room; Back to live gives it back
            reviewModel.pause();
            recordingModel.play(strips.stream().map(st -> new RecordingViewModel.Camera(st.cameraId(), st.name()))
                    .toList(), at);
        });
        timeline.model().playheadProperty().bind(recordingModel.timeProperty());
        // a range selected on the timeline is exported like events: folder, then the dialog with progress and Cancel
        timeline.model().rangeSelection().setOnExport(range -> ExportView.openRange(stage,
                new ExportViewModel(engine.evidence(), session, executor), range.request(), range.names(),
                range.times(timeline.model().zone(), LocalDate.now(timeline.model().zone())), exportFolder));
        gate.allow(timeline.model().rangeSelection().exportAllowedProperty(), Permission.EXPORT);
        if (archive.isEmpty()) {
            // instant replay from a tile: the player takes the wall's room from a moment ago; Back to live returns
            wallModel.replayWith((tile, back) -> {
                panes.bigReviewToggle().setSelected(true);
                reviewModel.pause();
                recordingModel.play(List.of(new RecordingViewModel.Camera(tile.cameraId(), tile.name())),
                        Instant.now().minus(back));
            });
        }
        recordingModel.setOnLive(played -> {
            if (archive.isPresent()) {
                return; // nothing is live in an archive: the alert's review shows again
            }
            panes.bigReviewToggle().setSelected(false);
            var tile = played.size() != 1 ? null : wallModel.tiles().stream()
                    .filter(t -> t.cameraId() == played.getFirst().id()).findFirst().orElse(null);
            if (tile != null) {
                wallModel.focus(tile);
            } else {
                wallModel.unfocus();
            }
        });
        MenuButton file = new ArchiveMenu(stage, dataDir, executor, this::showError,
                () -> session.acting(Permission.REPLAY), auditTo).button();
        gate.show(file, Permission.REPLAY);
        gate.show(cameras, Permission.CONFIGURE_CAMERAS);
        Label layoutLabel = new Label("Layout");
        layoutLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox wallBar = new HBox(6, views, layoutLabel, layout, pager, cameraListToggle, overlays);
        wallBar.setAlignment(Pos.CENTER_LEFT);
        wallBar.setPadding(new Insets(2, 4, 2, 4));
        wallBar.getStyleClass().add("wall-bar");
        wallArea.setTop(wallBar);
        MenuButton secondWall = new MenuButton("Second wall");
        secondWall.setId("second-wall");
        secondWall.setOnShowing(e -> { // the screens as they are now: a monitor may have been plugged in
            List<Screen> screens = Screen.getScreens();
            secondWall.getItems().clear();
            for (int i = 0; i < screens.size(); i++) {
                Screen screen = screens.get(i);
                Rectangle2D size = screen.getBounds();
                MenuItem item = new MenuItem(String.format(Locale.ROOT, "On screen %d (%.0f×%.0f)%s", i + 1,
                        size.getWidth(), size.getHeight(), screen.equals(Screen.getPrimary()) ? ", this one" : ""));
                item.setOnAction(a -> openSecondWall(ports, engine, executor, viewsModel, screen));
                secondWall.getItems().add(item);
            }
        });
        ToolBar toolbar = new ToolBar(file, cameras, panes.alertsToggle(),
                panes.bigReviewToggle(), panes.timelineToggle(), secondWall, light);
        engine.shutdown().ifPresent(shutdown -> {
            // the recorder runs in its own process: closing this window stops nothing, stopping it is explicit
            StopRecorderViewModel stopModel = new StopRecorderViewModel(shutdown, session, executor);
            Button stopRecorder = new Button("Stop recorder…");
            stopRecorder.setId("stop-recorder");
            stopRecorder.setOnAction(e -> StopRecorderDialog.ask(stage, stopModel, wallModel.tiles().size()));
            gate.show(stopRecorder, Permission.STOP_ENGINE);
            toolbar.getItems().add(stopRecorder);
        });
        if (archive.isPresent()) {
            // offline review: no cameras to lay out or configure, and the window says plainly what it shows
            toolbar.getItems().removeAll(cameras, panes.bigReviewToggle(), secondWall);
            wallArea.setTop(null);
            Label archiveLabel = new Label("Read-only · " + archive.get().describe());
            archiveLabel.setId("archive-label");
            archiveLabel.getStyleClass().add("archive-label");
            if (archive.get().verification().map(v -> !v.ok()).orElse(false)) {
                archiveLabel.getStyleClass().add("not-intact");
            }
            toolbar.getItems().add(1, archiveLabel);
            panes.forArchive();
            recording.forArchive();
        }

        BorderPane main = new BorderPane(panes.node(), toolbar, null, status, null);
        main.getStyleClass().add("main-window");
        StackPane root = new StackPane(main);
        if (session.users() != null) { // the live workstation: sign-in on start, Ctrl+L, idle lock, hand-over
            sessionModel.setIdleLock(idleLock);
            overlay = new SessionOverlay(sessionModel);
            root.getChildren().add(overlay);
            UserMenu userMenu = new UserMenu(sessionModel);
            adminMenu = new AdminMenu(userMenu, stage, engine.accounts(), engine.settings(), sessionModel, executor);
            toolbar.getItems().add(userMenu);
            // what a person opened (settings, users, the API token, archives) goes when they lock or leave
            sessionModel.stateProperty().subscribe(state -> {
                if (state == SessionViewModel.State.LOCKED || state == SessionViewModel.State.SIGNED_OUT) {
                    closeOwnedWindows();
                }
                panes.hideCasework(state != SessionViewModel.State.SIGNED_IN);
                if (state == SessionViewModel.State.SIGNED_IN) {
                    executor.onUiThread(alerts::focusList); // after the overlay lets go: keys work at once
                }
            });
            // one person's last review is not the next person's to undo
            sessionModel.operatorProperty().subscribe(who -> alertsModel.forgetUndo());
            // stills saved from tiles are exports: the export permission, the installation's audit log
            wallModel.saveStillsWith(new StillSaver(ownFolder(dataDir).resolve("stills"), auditTo, session, executor,
                    ZoneId.systemDefault()));
            // each person's window: where it was, theme, layout, tour, panes
            workspaces = new Workspaces(stage, panes, wallModel, light, new WorkspaceStore(ownFolder(dataDir).resolve("workspaces")),
                    executor, viewsModel);
            sessionModel.operatorProperty().subscribe(who -> workspaces.personChanged(who == null ? null
                    : who.userName()));
            workspaces.openWhereLeft();
            sessionModel.start();
        } else {
            overlay = null;
            sessionModel.showFixed();
        }
        Scene scene = new Scene(root, 1280, 800);
        if (overlay != null) {
            overlay.attach(scene);
        }
        scene.getStylesheets().add(CSS);
        WindowKeys.install(scene, stage, wallModel, () -> overlay == null ? List.of(alerts.keys(), review.keys())
                : List.of(alerts.keys(), review.keys(), new KeySection("Session", List.of(overlay.lockKey()))));
        stage.setTitle(archive.map(a -> "Watchroom — " + a.source().getFileName() + " (archive, read-only)")
                .orElse("Watchroom"));
        stage.setScene(scene);
    }

    /** Opens a wall on {@code screen}; it closes with this window. */
    private void openSecondWall(EnginePorts ports, EngineLink engine, TaskExecutor executor, ViewsViewModel views,
                                Screen screen) {
        SecondWall wall = new SecondWall(ports, engine, executor, views, screen, stage.getScene().getStylesheets());
        secondWalls.add(wall);
        wall.stage().setOnHiding(e -> secondWalls.remove(wall));
        wall.show();
    }

    /** The walls on other monitors open now. */
    List<SecondWall> secondWalls() { return List.copyOf(secondWalls); }

    /** The data folder when this person may write there, else their own data folder (a service's is not theirs). */
    private static Path ownFolder(Path dataDir) {
        return Files.isWritable(dataDir) ? dataDir : DataDirectory.resolve(null);
    }

    private static void applyTheme(boolean light) {
        Application.setUserAgentStylesheet(light ? new PrimerLight().getUserAgentStylesheet()
                : new PrimerDark().getUserAgentStylesheet());
    }

    /** Closes every window this one owns, directly or through another (dialogs, archive windows). */
    private void closeOwnedWindows() {
        for (Window window : List.copyOf(Window.getWindows())) {
            for (Window owner = ownerOf(window); owner != null; owner = ownerOf(owner)) {
                if (owner == stage) {
                    window.hide();
                    break;
                }
            }
        }
    }

    private static Window ownerOf(Window window) {
        return window instanceof Stage s ? s.getOwner() : null;
    }

    public void openCameras() {
        if (camerasView == null) {
            camerasView = new CamerasView(stage, camerasModel);
        }
        camerasModel.load();
        camerasView.show();
    }

    public void showError(Throwable e) {
        new Alert(Alert.AlertType.ERROR, e.getMessage() == null ? e.toString() : e.getMessage()).show();
    }

    /** The status bar says that the recorder runs in its own process, and records on when this window closes. */
    public void showRecorderProcess(long pid) {
        status.model().showRecorderProcess(pid);
    }

    /** The status bar names the running REST API and offers its token on hover. */
    public void showApi(String url) {
        status.model().showApi(url);
        if (adminMenu != null) {
            adminMenu.showApi(url);
        }
    }

    public WallView wall() { return wall; }

    /** Who is signed in; sign-in, lock and hand-over. */
    public SessionViewModel session() { return sessionModel; }

    public WallViewModel wallModel() { return wallModel; }

    public AlertsView alerts() { return alerts; }

    public AlertsViewModel alertsModel() { return alertsModel; }

    /** The timeline pane (in the window only while the Timeline toggle is on). */
    public TimelineView timeline() { return timeline; }
    public ReviewView review() { return review; }

    public ReviewViewModel reviewModel() { return reviewModel; }

    /** The recording player (timeline clicks, cameras played together). */
    public RecordingViewModel recordingModel() { return recordingModel; }

    public RecordingView recording() { return recording; }

    public Stage stage() { return stage; }

    /** Where exports (events, time ranges) go from now on, instead of asking with the system's folder chooser. */
    public void setExportFolder(ExportFolder folders) {
        exportFolder = folders == null ? ExportFolder.DIALOG : folders;
    }

    void stop() {
        List.copyOf(secondWalls).forEach(SecondWall::close);
        if (workspaces != null) {
            workspaces.saveNow();
        }
        if (overlay != null) { // an archive opened read-only has no sign-in
            overlay.stop();
        }
        wall.stop();
        status.stop();
        alertsModel.close();
        timeline.stop();
        review.stop();
        reviewModel.close();
        recording.stop();
        recordingModel.close();
    }
}
