package org.watchroom.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.watchroom.core.api.ApiServer;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.People;

/**
 * Requests per second and latency percentiles of the REST API with {@code wrk} on loopback: {@code GET
 * /api/v1/events} (first page of 100, and of 20) with 10,000 events in the database, and {@code snapshot.jpg}
 * spread over 8 live cameras, each after a 3 s warm-up run. Not a test: run it with
 * {@code ./mvnw -B -pl core -Pbench process-test-classes -Dbench.main=org.watchroom.core.bench.ApiBenchmark}
 * (see docs/performance.md). Needs {@code wrk} on the PATH.
 *
 * <p>Arguments: {@code --work DIR}, {@code --seconds S} per wrk run (default 10), {@code --connections N}
 * (default 16), {@code --events N} (default 10000), {@code --cameras N} (default 8).
 */
public final class ApiBenchmark {
    public static void main(String[] raw) throws Exception {
        // -Dbench.args arrives as one argument
        String[] args = Arrays.stream(raw).flatMap(a -> Arrays.stream(a.strip().split("\\s+")))
                .filter(a -> !a.isEmpty()).toArray(String[]::new);
        Path work = Path.of("target", "bench");
        int seconds = 10;
        int connections = 16;
        int events = 10_000;
        int cameras = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--cameras" -> cameras = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path data = work.resolve("api-bench-" + System.nanoTime());
        try (Database db = Database.open(data);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                     DetectionService.off("benchmark"), RecordingOptions.off())) {
            List<Long> ids = new ArrayList<>();
            for (int c = 0; c < cameras; c++) {
                ids.add(engine.store().add(Camera.create("Cam " + c, "lavfi:testsrc=size=640x360:rate=10", null, null)
                        .withDetectSettings("{\"enabled\": false}"), People.ADMIN).id());
            }
            long started = System.nanoTime();
            EventStore store = new EventStore(db);
            Instant t0 = Instant.now().minusSeconds(events * 60L);
            for (int e = 0; e < events; e++) {
                long camera = ids.get(e % ids.size());
                store.create(new NewEvent(camera, "Cam " + (e % ids.size()), e % 3 == 0 ? "car" : "person",
                        t0.plusSeconds(e * 60L), 0.5f + (e % 50) / 100f, new Box(10, 20, 30, 40), null));
            }
            System.out.printf("%d events written in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
            engine.start(false);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (engine.cameras().stream().anyMatch(c -> !(c.display().state() instanceof CameraState.Live))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cameras not live within 30 s");
                }
                Thread.sleep(100);
            }
            ApiTokens tokens = new ApiTokens(new SettingsStore(db));
            try (ApiServer server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()), tokens)) {
                String base = server.url();
                String auth = "Authorization: Bearer " + tokens.current();
                Path script = data.resolve("snapshots.lua");
                Files.writeString(script, "local ids = {" + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                        + "}\nrequest = function()\n  return wrk.format(\"GET\", \"/api/v1/cameras/\" .. ids[math.random(#ids)]"
                        + " .. \"/snapshot.jpg\")\nend\n");
                Thread.sleep(2000); // a full rate window
                System.out.printf("%d cameras live: %s%n", engine.cameras().size(), engine.cameras().stream()
                        .map(c -> String.format("%.1f fps", c.display().stats().decodedFps())).toList());
                wrk(seconds, connections, auth, base + "/api/v1/events", null);
                wrk(seconds, connections, auth, base + "/api/v1/events?limit=20", null);
                wrk(seconds, connections, auth, base + "/api/v1/events?status=pending&label=car&limit=20&offset=3000", null);
                wrk(seconds, connections, auth, base + "/api/v1/cameras/" + ids.getFirst() + "/snapshot.jpg", script);
                for (LiveCamera c : engine.cameras()) {
                    System.out.printf("%s: %.1f fps decoded, drops %d%n", c.camera().name(),
                            c.display().stats().decodedFps(), c.display().stats().producerDrops());
                }
            }
        }
    }

    private static void wrk(int seconds, int connections, String auth, String url, Path script)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--latency", "-H", auth));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        // a short unrecorded run first, so JIT compilation and first encodes are not in the percentiles
        List<String> warmup = new ArrayList<>(command);
        warmup.set(3, "-d3s");
        new ProcessBuilder(warmup).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        System.out.println("\n$ " + String.join(" ", command).replace(auth, "Authorization: Bearer $TOKEN")
                + (script == null ? "" : "   # script: a random one of the cameras per request"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        System.out.println(out);
    }
}
