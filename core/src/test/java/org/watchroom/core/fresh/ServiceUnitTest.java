package org.watchroom.core.fresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.TestPackages;

/**
 * The recorder's systemd unit that the Linux packages install ({@code packaging/linux/watchroom.service}) and the
 * .deb's maintainer scripts around it ({@code packaging/linux/deb}): systemd accepts every line of the unit, it runs
 * the installed launcher headless on the service's own data folder as its own user, and it keeps its sandbox. The
 * service itself cannot start here (no systemd as PID 1): docs/installing.md says how to check it on a machine.
 *
 * <p>Thread-safety: JUnit runs each test on its own instance.
 */
class ServiceUnitTest {
    private static final String EXEC_START =
            "/opt/watchroom/bin/watchroom engine --no-demo --data-dir /var/lib/watchroom";
    private static final Path ROOT = TestPackages.projectRoot();
    private static final Path UNIT = ROOT.resolve("packaging/linux/watchroom.service");
    private static final Path SCRIPTS = ROOT.resolve("packaging/linux/deb");

    @TempDir
    Path temp;

    @Test
    void systemdAnalyzeVerifyAcceptsEveryLine() throws Exception {
        // verify wants ExecStart's binary to exist: the same line, starting /bin/true instead of the installation
        Path copy = copyStarting("/bin/true");

        Run verify = run("systemd-analyze", "verify", copy.toString());

        assertThat(verify.exit()).as(verify.output()).isZero();
        // warnings (an unknown or misspelt key, a bad value) name the file; other units of this host may warn too
        assertThat(verify.output().lines().filter(line -> line.contains("watchroom"))).as(verify.output()).isEmpty();
    }

    @Test
    void systemdAnalyzeVerifyWouldSayItOfAMisspeltKey() throws Exception {
        Path copy = copyStarting("/bin/true");
        Files.writeString(copy, Files.readString(copy).replace("LockPersonality=yes", "LockPersonalty=yes"));

        Run verify = run("systemd-analyze", "verify", copy.toString());

        assertThat(verify.output()).contains("Unknown key", "LockPersonalty");
    }

    @Test
    void itRunsTheInstalledLauncherHeadlessAsItsOwnUserOnTheServicesDataFolder() throws IOException {
        Map<String, List<String>> service = section("Service");

        assertThat(service.get("ExecStart")).containsExactly(EXEC_START);
        assertThat(service.get("User")).containsExactly("watchroom");
        assertThat(service.get("Group")).containsExactly("watchroom");
        assertThat(service.get("StateDirectory")).containsExactly("watchroom");
        assertThat(service.get("CacheDirectory")).containsExactly("watchroom");
        // CacheDirectory (XDG) and JavaCPP's cache inside /var/cache/watchroom: the rest of the disk is read-only
        assertThat(service.get("Environment")).contains("XDG_CACHE_HOME=/var/cache",
                "JAVA_TOOL_OPTIONS=-Dorg.bytedeco.javacpp.cachedir=/var/cache/watchroom/javacpp");
        assertThat(section("Install").get("WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void itRestartsAfterAFailureAndStopsCleanlyOnSigterm() throws IOException {
        Map<String, List<String>> service = section("Service");

        assertThat(service.get("Restart")).containsExactly("on-failure");
        assertThat(service.get("RestartSec")).containsExactly("5s");
        assertThat(service.get("KillSignal")).containsExactly("SIGTERM");
        // above the 60 s the headless engine gives itself after SIGTERM before it exits (ShutdownGuard)
        assertThat(service.get("TimeoutStopSec")).containsExactly("90");
        assertThat(section("Unit").get("StartLimitBurst")).containsExactly("5");
    }

    @Test
    void theCommandLineTakesTheUnitsOptions() {
        // --help after them: picocli parses every option first (an unknown one exits 2) and runs nothing
        Cli.Result result = Cli.run("engine", "--no-demo", "--data-dir", temp.resolve("data").toString(), "--help");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("engine", "--no-demo", "--data-dir");
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void itKeepsItsSandboxButLetsWebcamsAndTheJitThrough() throws IOException {
        Map<String, List<String>> service = section("Service");

        Map<String, String> sandbox = new LinkedHashMap<>();
        sandbox.put("NoNewPrivileges", "yes");
        sandbox.put("ProtectSystem", "strict");
        sandbox.put("ProtectHome", "yes");
        sandbox.put("PrivateTmp", "yes");
        sandbox.put("DevicePolicy", "closed");
        sandbox.put("ProtectKernelTunables", "yes");
        sandbox.put("ProtectKernelModules", "yes");
        sandbox.put("ProtectControlGroups", "yes");
        sandbox.put("RestrictSUIDSGID", "yes");
        sandbox.put("RestrictNamespaces", "yes");
        sandbox.put("LockPersonality", "yes");
        sandbox.put("SystemCallArchitectures", "native");
        sandbox.put("CapabilityBoundingSet", "");
        sandbox.forEach((key, value) -> assertThat(service.get(key)).as(key).containsExactly(value));
        assertThat(service.get("DeviceAllow")).containsExactly("char-video4linux rw");
        // PrivateDevices would hide /dev/video*; MemoryDenyWriteExecute would stop the JIT
        assertThat(service).doesNotContainKeys("PrivateDevices", "MemoryDenyWriteExecute");
    }

    @Test
    void theDebScriptsAreJpackagesDefaultsPlusTheService() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = SCRIPTS.resolve(script);
            Run syntax = run("sh", "-n", file.toString());
            assertThat(syntax.exit()).as(script + ": " + syntax.output()).isZero();
            assertThat(Files.isExecutable(file)).as(script).isTrue();
        }
        String postinst = Files.readString(SCRIPTS.resolve("postinst"));
        String prerm = Files.readString(SCRIPTS.resolve("prerm"));
        // jpackage fills these in: the menu entry is installed and removed as without the resource folder
        assertThat(postinst).contains("DESKTOP_COMMANDS_INSTALL", "LAUNCHER_AS_SERVICE_COMMANDS_INSTALL");
        assertThat(prerm).contains("DESKTOP_COMMANDS_UNINSTALL", "DESKTOP_SCRIPTS", "COMMON_SCRIPTS");
        // where build.sh puts the unit (jpackage's --input is lib/app of the installation under --install-dir)
        String build = Files.readString(ROOT.resolve("packaging/build.sh"));
        assertThat(build).contains("--install-dir /opt", "--linux-package-name watchroom", "$STAGE/input/systemd",
                "--resource-dir \"$HERE/linux/deb\"");
        assertThat(postinst).contains("watchroom_unit_source=/opt/watchroom/lib/app/systemd/watchroom.service",
                "watchroom_unit=/lib/systemd/system/watchroom.service", "useradd --system");
        // systemd is asked to start anything only where it runs (not in a container or a chroot)
        assertThat(postinst.indexOf("[ -d /run/systemd/system ]")).isPositive()
                .isLessThan(postinst.indexOf("systemctl enable watchroom.service"));
    }

    /** The unit with ExecStart's program replaced by {@code program} (its arguments kept), in the temp folder. */
    private Path copyStarting(String program) throws IOException {
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
        String executable = EXEC_START.substring(0, EXEC_START.indexOf(' '));
        assertThat(unit).contains("ExecStart=" + EXEC_START);
        Path copy = temp.resolve("watchroom.service");
        Files.writeString(copy, unit.replace("ExecStart=" + executable, "ExecStart=" + program),
                StandardCharsets.UTF_8);
        return copy;
    }

    /** The key=value lines of one [section], every value of a key in order; comments and blank lines left out. */
    private static Map<String, List<String>> section(String name) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = line.substring(1, line.length() - 1);
            } else if (name.equals(current)) {
                int eq = line.indexOf('=');
                keys.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(line.substring(eq + 1).strip());
            }
        }
        return keys;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes(); // ends when the process closes its output
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void noDemoIsRefusedBesideDemoAndOutsideHeadless(@TempDir Path data) {
        Cli.Result both = Cli.run("--headless", "--demo", "--no-demo", "--data-dir", data.toString(), "--duration", "1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--demo and --no-demo contradict each other");

        Cli.Result window = Cli.run("--no-demo", "--data-dir", data.toString());
        assertThat(window.exit()).isEqualTo(2);
        assertThat(window.err()).contains("--no-demo is for the engine without a window");
    }
}
