package org.watchroom.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom cameras add|list|remove}: the camera table for installers' scripts. {@code add} creates the data
 * folder's database when it is missing; {@code list} and {@code remove} need it to exist.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "cameras", description = "Manage configured cameras.", mixinStandardHelpOptions = true,
        subcommands = {CamerasCommand.Add.class, CamerasCommand.ListCameras.class, CamerasCommand.Remove.class})
final class CamerasCommand {
    @ParentCommand
    WatchroomCli root;

    PrintStream out() { return root.out(); }

    @Command(name = "add", description = "Add a camera.")
    static final class Add implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--url", required = true, description = "Main stream URL (credentials are stored apart).") String url;
        @Option(names = "--sub-url", description = "Lower-resolution stream for tiles and detection.") String subUrl;
        @Option(names = "--location") String location;
        @Option(names = "--disabled", description = "Store it without streaming it.") boolean disabled;
        @Option(names = "--rtsp-transport", defaultValue = "tcp", description = "tcp (default) or udp.") String transport;

        @Override
        public Integer call() {
            Camera camera = checked(Camera.create(Inputs.text("--name", name, Column.CAMERA_NAME),
                    typedUrl("--url", url), typedUrl("--sub-url", subUrl), Inputs.text("--location", location,
                            Column.CAMERA_LOCATION)));
            if (!"tcp".equals(transport) && !"udp".equals(transport)) {
                throw new IllegalArgumentException("--rtsp-transport must be tcp or udp, not " + Inputs.quote(transport) + ".");
            }
            camera = camera.withEnabled(!disabled).withRtspTransport(transport);
            try (Database db = parent.root.createDatabase()) {
                Camera saved = new CameraStore(db).add(camera, Operator.commandLine());
                parent.out().println("Added camera " + saved.id() + ": " + saved.name() + " " + saved.mainUrl().redacted());
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
            try (Database db = parent.root.existingDatabase()) {
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
                }
                parent.out().println(array);
            } else if (cameras.isEmpty()) {
                parent.out().println("No cameras configured.");
            } else {
                for (Camera c : cameras) {
                    parent.out().printf("%d\t%s\t%s\t%s\t%s%n", c.id(), c.name(), c.enabled() ? "enabled" : "disabled",
                            c.mainUrl().redacted(), c.location() == null ? "" : c.location());
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
            try (Database db = parent.root.existingDatabase()) {
                if (!new CameraStore(db).remove(id, Operator.commandLine())) {
                    throw new IllegalArgumentException("No camera with id " + id + ".");
                }
            }
            parent.out().println("Removed camera " + id + ".");
            return 0;
        }
    }
}
