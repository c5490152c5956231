package org.watchroom.core.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.api.ApiOverrides;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.config.DataDirectory;
import org.watchroom.core.config.RotatingLog;
import org.watchroom.core.config.Version;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.headless.HeadlessRunner;
import org.watchroom.core.selftest.SelfTest;
import org.watchroom.core.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code watchroom [--self-test] [--headless] [--demo | --no-demo] [--data-dir DIR] [--duration S] [--footage FILE]
 * [COMMAND]}.
 * Without {@code --headless} or a command it opens the workstation through the {@link UiLauncher} the app
 * passes in.
 *
 * <p>Whatever goes wrong ends in one line on stderr ({@link FailureLine}) and exit code 2 for refused input, 1 for
 * failures. Commands that set an installation up ({@code --headless}, the workstation, {@code cameras add},
 * {@code users add}, {@code settings set}) create the data folder's database when it is missing; every other
 * command needs one to exist ({@link #existingDatabase}) and never creates one.
 *
 * <p>Thread-safety: one invocation per instance.
 */
// INHERIT: every subcommand, down to the leaves, takes --help and --version too
@Command(name = "watchroom", mixinStandardHelpOptions = true, versionProvider = WatchroomCli.VersionProvider.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Watchroom surveillance workstation.",
        subcommands = {CamerasCommand.class, RecordingsCommand.class, ModelsCommand.class, DetectCommand.class, EventsCommand.class,
                AuditCommand.class, ReplayCommand.class, UsersCommand.class, ExportCommand.class,
                VerifyCommand.class, TokenCommand.class, SettingsCommand.class, EngineCommand.class})
public final class WatchroomCli implements Callable<Integer> {

    /** Opens the JavaFX workstation; supplied by the app module. */
    @FunctionalInterface
    public interface UiLauncher {
        int launch(LaunchOptions options);
    }

    /** What the UI needs from the command line. */
    public record LaunchOptions(Path dataDir, boolean demo, Optional<Path> footage, boolean detect,
                                int inferenceThreads, ApiOverrides api, Optional<Path> archive) {
        /** Without the REST API (embedded and test uses); the command line passes its own {@link ApiOverrides}. */
        public LaunchOptions(Path dataDir, boolean demo, Optional<Path> footage) {
            this(dataDir, demo, footage, false, 1, ApiOverrides.OFF);
        }

        public LaunchOptions(Path dataDir, boolean demo, Optional<Path> footage, boolean detect) {
            this(dataDir, demo, footage, detect, 1, ApiOverrides.OFF);
        }

        public LaunchOptions(Path dataDir, boolean demo, Optional<Path> footage, boolean detect, int inferenceThreads) {
            this(dataDir, demo, footage, detect, inferenceThreads, ApiOverrides.OFF);
        }

        public LaunchOptions(Path dataDir, boolean demo, Optional<Path> footage, boolean detect, int inferenceThreads,
                             ApiOverrides api) {
            this(dataDir, demo, footage, detect, inferenceThreads, api, Optional.empty());
        }

        /**
         * Offline review of {@code archive} (data folder or evidence package): no cameras, no API, nothing written
         * there.
         */
        public static LaunchOptions replay(Path dataDir, Path archive) {
            return new LaunchOptions(dataDir, false, Optional.empty(), false, 1, ApiOverrides.OFF, Optional.of(archive));
        }

        public LaunchOptions {
            if (inferenceThreads < 1 || inferenceThreads > 64) {
                throw new IllegalArgumentException("--inference-threads must be between 1 and 64");
            }
        }

        /** Detection for this launch: the data dir's models (copied from a mirror when at hand), or off. */
        public DetectionService detection() {
            return detect ? DetectionService.open(dataDir, DetectionService.defaultMirror(), inferenceThreads)
                    : DetectionService.off("switched off (--no-detect)");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WatchroomCli.class);

    /** How long the window waits for the recorder it started to answer (a first start may fetch models). */
    static final Duration RECORDER_START = Duration.ofMinutes(2);

    /**
     * The commands that read or change what the database holds: typed while an engine runs for the data folder, they
     * run inside it ({@link HostedCommands}), which holds the database. The others (models, detect, verify, replay)
     * work on files and run where they are typed.
     */
    static final Set<String> RUN_IN_ENGINE = Set.of("cameras", "recordings", "events", "audit", "users", "export",
            "token", "settings", "engine");

    @Option(names = "--headless", description = "Run the engine without a window.")
    boolean headless;

    /** The folder {@link #dataDirectory()} chose without {@code --data-dir}, once chosen. */
    private Path defaultDataDir;
    /**
     * Whether this run may default to the running service's folder: the window, and commands that run inside an
     * engine. Others (models, self-test, an engine of one's own) work on files of one's own folder.
     */
    private boolean serviceDefault;

    @Option(names = "--in-process", description = "Run the recorder inside the window, stopping with it (a quick "
            + "look, a machine without background processes). Default: the window attaches to the recorder of the "
            + "data folder, starting one in the background when none runs.")
    boolean inProcess;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Data folder (database, clips, logs); before or after a command.")
    Path dataDir;

    @Option(names = "--self-test",
            description = "Check the installation (models, decoding, inference, database) and print OK or what failed.")
    boolean selfTest;

    private final UiLauncher ui;
    /** Set when this invocation runs inside the engine, for a command typed beside it. */
    private HostedCommands.Invocation hosted;
    private ShutdownGuard guard;
    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private WatchroomCli(UiLauncher ui) {
        this.ui = ui;
    }

    /** Runs the command line; returns the process exit code. */
    public static int run(String[] args, UiLauncher ui, PrintStream out, PrintStream err) {
        return run(args, ui, System.in, out, err);
    }

    /** {@link #run(String[], UiLauncher, PrintStream, PrintStream)} reading {@code in} where a command reads stdin. */
    public static int run(String[] args, UiLauncher ui, InputStream in, PrintStream out, PrintStream err) {
        Optional<ControlClient> engine = runningEngineFor(args, err);
        if (engine.isPresent()) {
            return engine.get().run(List.of(args), Path.of("").toAbsolutePath(), in, out, err,
                    WatchroomCli::readConsoleSecret);
        }
        WatchroomCli cli = new WatchroomCli(ui);
        cli.in = in;
        cli.out = out;
        cli.err = err;
        CommandLine line = configured(cli, new PathArgument(), err);
        try (ShutdownGuard guard = ShutdownGuard.install(err)) {
            cli.guard = guard;
            int exit = line.execute(args);
            guard.finished(exit);
            return exit;
        }
    }

    /**
     * Runs {@code request} inside the engine for a command typed beside it: against the engine's database, as the OS
     * user who typed it, with relative paths meaning files in the folder it was typed in. Only
     * {@link #RUN_IN_ENGINE} commands are run; anything else is refused.
     */
    static int runHosted(HostedCommands.Invocation invocation) {
        WatchroomCli cli = new WatchroomCli(null);
        cli.in = invocation.io().in();
        cli.out = invocation.io().out();
        cli.err = invocation.io().err();
        cli.hosted = invocation;
        String[] args = invocation.request().args().toArray(String[]::new);
        CommandLine line = configured(cli, new PathArgument(invocation.request().cwd()), cli.err);
        Optional<String> command = commandOf(line, args);
        if (command.isEmpty() || !RUN_IN_ENGINE.contains(command.get())) {
            cli.err.println("watchroom: the engine runs only these commands for the command line: "
                    + String.join(", ", new TreeSet<>(RUN_IN_ENGINE)));
            return 2;
        }
        return line.execute(args);
    }

    /** The engine running for the data folder that {@code args} name, when they name a command that runs there. */
    private static Optional<ControlClient> runningEngineFor(String[] args, PrintStream err) {
        WatchroomCli probe = new WatchroomCli(null);
        probe.err = err; // says which data folder it picked, where the command's own messages go
        probe.serviceDefault = true;
        CommandLine line = configured(probe, new PathArgument(), System.err);
        Optional<String> command = commandOf(line, args);
        if (command.isEmpty() || !RUN_IN_ENGINE.contains(command.get())) {
            return Optional.empty();
        }
        return ControlClient.connect(probe.dataDirectory());
    }

    /** Whether {@code args} run {@code events follow} (parsed as the command line parses them). */
    static boolean isEventsFollow(List<String> args) {
        try {
            CommandLine.ParseResult parsed = tree().parseArgs(args.toArray(String[]::new));
            return parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("events")
                    && parsed.subcommand().hasSubcommand()
                    && parsed.subcommand().subcommand().commandSpec().name().equals("follow");
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /** The subcommand {@code args} run, when they parse and ask for no help or version. */
    private static Optional<String> commandOf(CommandLine line, String[] args) {
        CommandLine.ParseResult parsed;
        try {
            parsed = line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // said where it is run, with the usual one line
        }
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return Optional.empty();
            }
        }
        return parsed.hasSubcommand() ? Optional.of(parsed.subcommand().commandSpec().name()) : Optional.empty();
    }

    @SuppressWarnings("SystemConsoleNull") // null stays possible (-Djdk.console=java.base); isTerminal() is checked too
    private static char[] readConsoleSecret(String prompt) {
        Console console = System.console();
        // since JDK 22 System.console() exists even when piped; null stays possible (-Djdk.console=java.base)
        return console == null || !console.isTerminal() ? null : console.readPassword(prompt);
    }

    private static CommandLine configured(WatchroomCli cli, PathArgument paths, PrintStream err) {
        CommandLine line = new CommandLine(cli);
        line.registerConverter(Path.class, paths);
        line.setOut(new PrintWriter(cli.out, true, cli.out.charset()));
        line.setErr(new PrintWriter(err, true, err.charset()));
        line.setParameterExceptionHandler((e, args1) -> {
            // picocli would add the whole usage; one line says what was wrong and where help is
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("watchroom: " + FailureLine.oneLine(String.valueOf(e.getMessage())) + " (see '" + command
                    + " --help')");
            return 2;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            FailureLine failure = FailureLine.of(e, cli.dataDirectory());
            // the trace is for support (-Dorg.slf4j.simpleLogger.defaultLogLevel=debug); the person gets one line
            LOG.debug("{} failed", cmd.getCommandSpec().qualifiedName(), e);
            err.println("watchroom: " + failure.text());
            return failure.exitCode();
        });
        return line;
    }

    /** The command tree, unconfigured and unrun: for walking every command. */
    static CommandLine tree() {
        return new CommandLine(new WatchroomCli(null));
    }

    public static void main(String[] args) {
        System.exit(run(args, null, System.out, System.err));
    }

    Path dataDirectory() {
        if (hosted != null) {
            return hosted.host().dataDir();
        }
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        if (defaultDataDir == null) {
            defaultDataDir = defaultDataDirectory();
        }
        return defaultDataDir;
    }

    /**
     * Without {@code --data-dir}: the recorder service's folder when its recorder runs and this user may reach it (a
     * member of its group), so that a workstation opened from the menu shows the service's cameras and commands act
     * on them; else the user's own folder.
     */
    private Path defaultDataDirectory() {
        Path service = DataDirectory.service();
        if (serviceDefault && Files.isDirectory(service) && ControlClient.running(service).isPresent()) {
            err.println("watchroom: using the recorder service's data folder " + service + " (--data-dir picks another)");
            return service;
        }
        return DataDirectory.resolve(null);
    }

    /** The data folder's database, created (with the folder) when missing: for commands that set things up. */
    OpenDatabase createDatabase() {
        return hosted != null ? new OpenDatabase(hosted.host().database(), false)
                : new OpenDatabase(Database.open(dataDirectory()), true);
    }

    /** The database the data folder already holds: for commands that read or change what is there. Creates nothing. */
    OpenDatabase existingDatabase() {
        return hosted != null ? new OpenDatabase(hosted.host().database(), false)
                : new OpenDatabase(Database.openExisting(dataDirectory()), true);
    }

    /** Who the command acts as: the OS account that typed it (audited as {@code cli:<account>}), an admin. */
    Operator operator() {
        return hosted != null ? Operator.commandLine(hosted.request().osUser()) : Operator.commandLine();
    }

    /** Reads a password without echo from whoever typed the command; null when they have no terminal. */
    char[] readSecret(String prompt) {
        return hosted != null ? hosted.io().readSecret(prompt).orElse(null) : readConsoleSecret(prompt);
    }

    /** The engine this command runs in, when it was typed beside one. */
    Optional<HostedCommands.Invocation> hosted() {
        return Optional.ofNullable(hosted);
    }

    @Override
    public Integer call() throws Exception {
        if (hosted != null) {
            throw new IllegalArgumentException("an engine runs for " + dataDirectory() + " already");
        }
        if (selfTest) {
            return new SelfTest(dataDirectory(), SelfTest.defaultModelSources(), out).run();
        }
        engine.check(!headless);
        if (!headless) {
            if (ui == null) {
                throw new IllegalStateException("this build has no user interface; use --headless");
            }
            guard.release(); // the window closes its own things when the JVM stops
            serviceDefault = !inProcess; // a window attaches to the service's recorder; one with its own, never
            // the window's log goes to the person's own folder when the data folder is the service's (not theirs to write)
            RotatingLog.install(Files.isWritable(dataDirectory()) || !Files.exists(dataDirectory()) ? dataDirectory()
                    : DataDirectory.resolve(null));
            if (!inProcess) {
                startRecorderUnlessRunning();
            }
            return ui.launch(engine.launch(dataDirectory()));
        }
        return runEngine(engine, "headless");
    }

    /**
     * Runs the engine without a window until stopped (SIGTERM, {@code engine stop --yes}) or for its duration, taking
     * commands typed beside it; {@code host} is what {@code engine status} calls it.
     */
    int runEngine(EngineOptions options, String host) throws InterruptedException {
        refuseSecondEngine();
        // a service from here on: a SIGTERM during start-up waits for the engine to start and stop again
        CountDownLatch stop = guard.stopSignal();
        // the database first: an empty, damaged or read-only one is refused before any camera, log or API token
        try (Database database = Database.open(dataDirectory())) {
            RotatingLog.install(dataDirectory());
            LaunchOptions launch = options.launch(dataDirectory());
            Engine running = new Engine(database, new EventBus(), SourceOptions.defaults(), launch.footage(),
                    launch.detection());
            running.shareFrames(); // workstations attached from other processes show the cameras from shared memory
            // commands typed beside this engine run in it; `engine stop --yes` stops it as SIGTERM would
            Optional<ControlServer> control = HostedCommands.serveOrWarn(running, host, Optional.of(stop::countDown));
            if (options.endDemoWithWindows) {
                control.ifPresent(server -> DemoEnd.watch(running, server, stop));
            }
            new HeadlessRunner(running, launch.api(), err).run(options.wall(), options.duration(), out, stop,
                    () -> control.ifPresent(ControlServer::close));
        }
        return 0;
    }

    /** Runs engines for the data folder one after another as crashes end them, until one is stopped in order. */
    int supervise(EngineOptions options) throws IOException, InterruptedException {
        refuseSecondEngine();
        CountDownLatch stop = guard.stopSignal();
        // no log file of its own: the engine writes logs/watchroom.log; the supervisor's lines go to the console file
        return new EngineSupervisor(dataDirectory(), options.asArguments(), err).run(stop);
    }

    /**
     * The one-command default: the window is a client of the data folder's recorder, which is started here, in the
     * background and supervised, when none runs; closing the window leaves it recording.
     */
    private void startRecorderUnlessRunning() throws IOException, InterruptedException {
        Optional<EngineDescriptor> running = ControlClient.running(dataDirectory());
        if (running.isPresent()) {
            err.println("watchroom: attaching to the recorder already running for " + dataDirectory() + " (pid "
                    + running.get().pid() + "); its own options stand");
            return;
        }
        err.println("watchroom: starting the recorder for " + dataDirectory() + " in the background; it goes on "
                + "recording after the window closes ('watchroom engine stop --yes' stops it)");
        try {
            List<String> arguments = new ArrayList<>(engine.asArguments());
            arguments.add("--end-demo-with-windows"); // the demo records nothing: it does not outlive the windows
            EngineSupervisor.startDetached(dataDirectory(), arguments, RECORDER_START);
        } catch (IllegalStateException e) {
            LOG.warn("The recorder could not start in the background; it runs inside the window instead", e);
            err.println("watchroom: " + e.getMessage() + "; the recorder runs inside the window instead (it stops "
                    + "when the window closes)");
        }
    }

    /** One engine per data folder: a second one is refused, naming the first. */
    private void refuseSecondEngine() {
        Optional<EngineDescriptor> running = ControlClient.running(dataDirectory());
        if (running.isPresent()) {
            throw new IllegalStateException("An engine already runs for " + dataDirectory() + " (pid "
                    + running.get().pid() + ", " + running.get().host() + "); commands typed beside it run in it, "
                    + "'watchroom engine stop --yes' stops it");
        }
    }

    /** Opens the workstation on an archive for offline review. */
    int replay(Path archive) {
        if (ui == null) {
            throw new IllegalStateException("this build has no user interface; replay needs the desktop app");
        }
        guard.release(); // the window closes its own things when the JVM stops
        RotatingLog.install(dataDirectory()); // the analyst's own log, never a file in the archive
        return ui.launch(LaunchOptions.replay(dataDirectory(), archive));
    }

    InputStream in() { return in; }

    PrintStream out() { return out; }

    PrintStream err() { return err; }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Watchroom " + Version.current()};
        }
    }
}
