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

/** {@code watchroom cameras add|list|remove}: the camera table for installers' scripts. */
@Command(name = "cameras", description = "Manage configured cameras.", mixinStandardHelpOptions = true,
        subcommands = {CamerasCommand.Add.class, CamerasCommand.ListCameras.class, CamerasCommand.Remove.class})
final class CamerasCommand {
    @ParentCommand
    WatchroomCli root;

    Database open() {
        return Database.open(root.dataDirectory());
    }

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
            Camera camera = Camera.create(name, url, subUrl, location).withEnabled(!disabled).withRtspTransport(transport);
            try (Database db = parent.open()) {
                Camera saved = new CameraStore(db).add(camera, Operator.commandLine());
                parent.out().println("Added camera " + saved.id() + ": " + saved.name() + " " + saved.mainUrl().redacted());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List cameras.")
    static final class ListCameras implements Callable<Integer> {
        @ParentCommand CamerasCommand parent;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            List<Camera> cameras;
            try (Database db = parent.open()) {
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
            try (Database db = parent.open()) {
                if (!new CameraStore(db).remove(id, Operator.commandLine())) {
                    throw new IllegalArgumentException("No camera with id " + id + ".");
                }
            }
            parent.out().println("Removed camera " + id + ".");
            return 0;
        }
    }
}
