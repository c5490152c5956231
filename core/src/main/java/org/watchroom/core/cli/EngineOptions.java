package org.watchroom.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.api.ApiOverrides;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.demo.DemoCameras;
import org.watchroom.core.engine.DemoWall;
import picocli.CommandLine.Option;

/**
 * How an engine runs: demo wall, detection, REST API, a fixed duration. Taken by {@code watchroom [--headless]}
 * (the workstation, or the engine without a window) and by {@code watchroom engine}.
 *
 * <p>Thread-safety: one invocation per instance.
 */
final class EngineOptions {
    @Option(names = "--demo", description = "Show the demo wall even when cameras are configured.")
    boolean demo;

    @Option(names = "--no-demo", description = "Engine without a window: never run the demo wall, not even with no "
            + "camera configured (a service waits for its first camera).")
    boolean noDemo;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Engine without a window: stop after this many seconds and print a JSON summary.")
    Integer durationSeconds;

    @Option(names = "--footage", paramLabel = "FILE", description = "Footage file to loop as a demo camera.")
    Path footage;

    @Option(names = "--no-detect", description = "Run without on-device detection.")
    boolean noDetect;

    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "1",
            description = "Threads per model run (default 1: on few cores cameras run in parallel instead).")
    int inferenceThreads;

    @Option(names = "--api-bind", paramLabel = "ADDR",
            description = "Address the REST API listens on (default as stored, else 127.0.0.1).")
    String apiBind;

    @Option(names = "--api-port", paramLabel = "N",
            description = "Port of the REST API (default as stored, else 8080; 0 picks a free one and prints it).")
    Integer apiPort;

    @Option(names = "--no-api", description = "Do not start the REST API.")
    boolean noApi;

    /** Set by the workstation that starts the recorder: a recorder of the demo wall alone ends with its windows. */
    @Option(names = "--end-demo-with-windows", hidden = true)
    boolean endDemoWithWindows;

    /** Checks the options for an engine with a window ({@code windowed}) or without; throws on a contradiction. */
    void check(boolean windowed) {
        if (durationSeconds != null && durationSeconds <= 0) {
            throw new IllegalArgumentException("--duration must be a positive number of seconds");
        }
        if (footage != null && !Files.isRegularFile(footage)) {
            // a typo would otherwise loop another file (or none) without a word
            throw new IllegalArgumentException("--footage: there is no file " + Inputs.quote(footage.toString()));
        }
        if (demo && noDemo) {
            throw new IllegalArgumentException("--demo and --no-demo contradict each other: give one");
        }
        if (noDemo && windowed) {
            throw new IllegalArgumentException("--no-demo is for the engine without a window (--headless, engine): "
                    + "the workstation shows the demo wall until a camera is added");
        }
        Inputs.address("--api-bind", apiBind);
    }

    /**
     * These options as {@code watchroom engine} takes them, for an engine started in another process (a relative
     * footage file made absolute); {@code --duration} is the caller's own and does not travel.
     */
    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        if (demo) {
            arguments.add("--demo");
        }
        if (noDemo) {
            arguments.add("--no-demo");
        }
        if (footage != null) {
            arguments.add("--footage");
            arguments.add(footage.toAbsolutePath().toString());
        }
        if (noDetect) {
            arguments.add("--no-detect");
        }
        arguments.add("--inference-threads");
        arguments.add(Integer.toString(inferenceThreads));
        if (apiBind != null) {
            arguments.add("--api-bind");
            arguments.add(apiBind);
        }
        if (apiPort != null) {
            arguments.add("--api-port");
            arguments.add(apiPort.toString());
        }
        if (noApi) {
            arguments.add("--no-api");
        }
        if (endDemoWithWindows) {
            arguments.add("--end-demo-with-windows");
        }
        return arguments;
    }

    LaunchOptions launch(Path dataDir) {
        return new LaunchOptions(dataDir, demo, footageFile(), !noDetect, inferenceThreads,
                new ApiOverrides(apiBind, apiPort, noApi));
    }

    Optional<Path> footageFile() {
        return DemoCameras.findFootage(footage);
    }

    DemoWall wall() {
        return noDemo ? DemoWall.NEVER : DemoWall.forced(demo);
    }

    /** How long to run; null: until stopped. */
    Duration duration() {
        return durationSeconds == null ? null : Duration.ofSeconds(durationSeconds);
    }
}
