package org.watchroom.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.watchroom.core.account.FirstAdministrator;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom cameras add|set|list|remove}: the camera table for installers' scripts, recording policy included
 * ({@code --record continuous|motion|events|off --keep-days N --keep-size SIZE}). {@code add} creates the data
 * folder's database when it is missing; the others need it to exist.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "cameras", description = "Manage configured cameras.", mixinStandardHelpOptions = true,
        subcommands = {CamerasCommand.Add.class, CamerasCommand.Set.class, CamerasCommand.ListCameras.class,
                CamerasCommand.Remove.class, CamerasTestCommand.class})
final class CamerasCommand {
    @ParentCommand
    WatchroomCli root;

    PrintStream out() { return root.out(); }

    /**
     * How a camera is recorded, as typed; values are Strings so that a bad one is one clear line (exit 2) from
     * {@link RecordingPolicy}, not picocli's usage text.
     */
    static final class RecordingArgs {
        @Option(names = "--record", paramLabel = "MODE",
                description = "continuous (default for new cameras), motion, events (event clips only) or off.")
        String mode;
        @Option(names = "--keep-days", paramLabel = "N",
                description = "Delete this camera's recordings older than N days (1-36500; none: the global retention decides).")
        String keepDays;
        @Option(names = "--keep-size", paramLabel = "SIZE",
                description = "Keep at most this much of its recordings, oldest deleted first: 500G, 20M, 1.5T (none: no cap).")
        String keepSize;
        @Option(names = "--segment-seconds", paramLabel = "N",
                description = "Cut segments at the first keyframe after N seconds (10-600, default 60).")
        String segmentSeconds;

        boolean any() {
            return mode != null || keepDays != null || keepSize != null || segmentSeconds != null;
        }

        /** {@code policy} with what was typed; each bad value is an {@link IllegalArgumentException} naming its option. */
        RecordingPolicy apply(RecordingPolicy policy) {
            RecordingPolicy p = policy;
            if (mode != null) {
                p = p.withMode(RecordingPolicy.Mode.parse(mode));
            }
            if (keepDays != null) {
                p = p.withKeepDays(none(keepDays) ? null : days(keepDays));
            }
            if (keepSize != null) {
                if (none(keepSize)) {
                    p = p.withKeepSize(null);
                } else {
                    try {
                        p = p.withKeepSize(keepSize);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--keep-size: " + e.getMessage());
                    }
                }
            }
            if (segmentSeconds != null) {
                int seconds = number("--segment-seconds", segmentSeconds, "a whole number of seconds from 10 to 600");
                try {
                    p = new RecordingPolicy(p.mode(), p.keepDays(), p.keepSize(), seconds);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--segment-seconds must be between 10 and 600, not " + seconds + ".");
                }
            }
            return p;
        }

        private static Integer days(String text) {
            int days = number("--keep-days", text, "a whole number of days from 1 to 36500, or none");
            if (days < 1 || days > 36_500) {
                throw new IllegalArgumentException("--keep-days must be between 1 and 36500 (or none), not " + days + ".");
            }
            return days;
        }

        private static int number(String option, String text, String what) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be " + what + ", not '" + text + "'.");
            }
        }

        private static boolean none(String text) {
            return text.strip().equalsIgnoreCase("none");
        }
    }

    /** One line about a camera's recording, for what the commands print. */
    static String describe(RecordingPolicy p) {
        return "recording " + p.mode().json() + (p.keepDays() == null ? "" : ", keep " + p.keepDays() + " days")
                + (p.keepSize() == null ? "" : ", keep at most " + p.keepSize())
                + (p.segmentSeconds() == RecordingPolicy.DEFAULT_SEGMENT_SECONDS ? "" : ", " + p.segmentSeconds() + " s segments");
    }

    @Command(name = "add", description = "Add a camera.", mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--url", required = true, description = "Main stream URL (credentials are stored apart).") String url;
        @Option(names = "--sub-url", description = "Lower-resolution stream for tiles and detection.") String subUrl;
        @Option(names = "--location") String location;
        @Option(names = "--disabled", description = "Store it without streaming it.") boolean disabled;
        @Option(names = "--rtsp-transport", defaultValue = "tcp", description = "tcp (default) or udp.") String transport;
        @Mixin RecordingArgs recording = new RecordingArgs();

        @Override
        public Integer call() {
            RecordingPolicy policy = recording.apply(RecordingPolicy.defaults());
            Camera camera = checked(Camera.create(Inputs.text("--name", name, Column.CAMERA_NAME),
                    typedUrl("--url", url), typedUrl("--sub-url", subUrl), Inputs.text("--location", location,
                            Column.CAMERA_LOCATION)));
            if (!"tcp".equals(transport) && !"udp".equals(transport)) {
                throw new IllegalArgumentException("--rtsp-transport must be tcp or udp, not " + Inputs.quote(transport) + ".");
            }
            camera = camera.withEnabled(!disabled).withRtspTransport(transport).withRecording(policy.toJson());
            try (OpenDatabase open = parent.root.createDatabase()) {
                Database db = open.database();
                Camera saved = new CameraStore(db).add(camera, parent.root.operator());
                parent.out().println("Added camera " + saved.id() + ": " + saved.name() + " " + saved.mainUrl().redacted()
                        + ", " + describe(policy));
                if (new UserStore(db).none()) {
                    parent.root.err().println("Note: no administrator exists yet; the cameras start once there is one ("
                            + FirstAdministrator.HOW + ").");
                }
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Change a camera: only the options given change.", mixinStandardHelpOptions = true)
    static final class Set implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Parameters(paramLabel = "ID", description = "The camera's id (see cameras list).") long id;
        @Option(names = "--name") String name;
        @Option(names = "--url", description = "Main stream URL (credentials are stored apart; without them the stored ones stay).")
        String url;
        @Option(names = "--sub-url", description = "Lower-resolution stream; none removes it.") String subUrl;
        @Option(names = "--location", description = "Where it hangs; none clears it.") String location;
        @Option(names = "--enabled", negatable = true, description = "Stream it (--no-enabled stores it without streaming).")
        Boolean enabled;
        @Option(names = "--rtsp-transport", description = "tcp or udp.") String transport;
        @Mixin RecordingArgs recording = new RecordingArgs();

        @Override
        public Integer call() {
            if (name == null && url == null && subUrl == null && location == null && enabled == null && transport == null
                    && !recording.any()) {
                throw new IllegalArgumentException("Nothing to change: give at least one option (see cameras set --help).");
            }
            if (transport != null && !"tcp".equals(transport) && !"udp".equals(transport)) {
                throw new IllegalArgumentException("--rtsp-transport must be tcp or udp, not " + Inputs.quote(transport) + ".");
            }
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                CameraStore store = new CameraStore(db);
                Camera camera = store.find(id).orElseThrow(() -> new IllegalArgumentException("No camera with id " + id + "."));
                RecordingPolicy policy;
                try {
                    policy = RecordingPolicy.parse(camera.recording());
                } catch (IllegalArgumentException e) {
                    policy = RecordingPolicy.defaults(); // a broken stored value is replaced by what is typed now
                }
                policy = recording.apply(policy);
                if (name != null || url != null || subUrl != null || location != null) {
                    camera = checked(camera.withDetails(
                            name != null ? Inputs.text("--name", name, Column.CAMERA_NAME) : camera.name(),
                            url != null ? typedUrl("--url", url) : camera.url(),
                            subUrl != null ? (RecordingArgs.none(subUrl) ? null : typedUrl("--sub-url", subUrl))
                                    : camera.subUrl(),
                            location != null ? (RecordingArgs.none(location) ? null
                                    : Inputs.text("--location", location, Column.CAMERA_LOCATION)) : camera.location(),
                            camera.notes()));
                }
                if (enabled != null) {
                    camera = camera.withEnabled(enabled);
                }
                if (transport != null) {
                    camera = camera.withRtspTransport(transport);
                }
                if (recording.any()) {
                    camera = camera.withRecording(policy.toJson());
                }
                Camera saved = store.update(camera, parent.root.operator());
                parent.out().println("Updated camera " + saved.id() + ": " + saved.name() + " " + saved.mainUrl().redacted()
                        + (saved.enabled() ? "" : " (disabled)") + ", " + describe(policy));
            }
            return 0;
        }
    }

    /** The URL as typed, refused when it holds control characters; never quoted back (it may hold a password). */
    private static String typedUrl(String option, String url) {
        if (url != null) {
            Inputs.refuseControlCharacters(option, url);
        }
        return url;
    }

    /** What is stored, against the column sizes: the address, and apart from it the user and password. */
    private static Camera checked(Camera camera) {
        Inputs.text("--name", camera.name(), Column.CAMERA_NAME);
        Inputs.text("--url (without user and password)", camera.url(), Column.CAMERA_URL);
        Inputs.text("--sub-url (without user and password)", camera.subUrl(), Column.CAMERA_SUB_URL);
        Inputs.secret("The user name in --url", camera.username(), Column.CAMERA_USERNAME);
        Inputs.secret("The password in --url", camera.password(), Column.CAMERA_PASSWORD);
        return camera;
    }

    @Command(name = "list", description = "List cameras.")
    static final class ListCameras implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            List<Camera> cameras;
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                cameras = new CameraStore(db).list();
            }
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode array = mapper.createArrayNode();
                for (Camera c : cameras) {
                    ObjectNode node = array.addObject();
                    node.put("id", c.id());
                    node.put("name", c.name());
                    node.put("url", c.mainUrl().redacted());
                    node.put("sub_url", c.subUrl() == null ? null : c.displayUrl().redacted());
                    node.put("enabled", c.enabled());
                    node.put("rtsp_transport", c.rtspTransport());
                    node.put("location", c.location());
                    ObjectNode rec = node.putObject("recording");
                    try {
                        RecordingPolicy p = RecordingPolicy.parse(c.recording());
                        rec.put("mode", p.mode().json()).put("keep_days", p.keepDays()).put("keep_size", p.keepSize())
                                .put("segment_s", p.segmentSeconds());
                    } catch (IllegalArgumentException e) {
                        rec.put("error", e.getMessage());
                    }
                }
                parent.out().println(array);
            } else if (cameras.isEmpty()) {
                parent.out().println("No cameras configured.");
            } else {
                for (Camera c : cameras) {
                    String rec;
                    try {
                        rec = describe(RecordingPolicy.parse(c.recording()));
                    } catch (IllegalArgumentException e) {
                        rec = "recording settings invalid";
                    }
                    parent.out().printf("%d\t%s\t%s\t%s\t%s\t%s%n", c.id(), c.name(), c.enabled() ? "enabled" : "disabled",
                            c.mainUrl().redacted(), rec, c.location() == null ? "" : c.location());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a camera by id.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Parameters(paramLabel = "ID") long id;

        @Override
        public Integer call() {
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                if (!new CameraStore(db).remove(id, parent.root.operator())) {
                    throw new IllegalArgumentException("No camera with id " + id + ".");
                }
            }
            parent.out().println("Removed camera " + id + ".");
            return 0;
        }
    }
}
