package org.watchroom.app;

import org.watchroom.core.cli.WatchroomCli;

/**
 * Entry point. Deliberately not a JavaFX {@code Application}: with JavaFX on the module path and Watchroom
 * on the class path, launching through a plain main class avoids the "JavaFX runtime components are missing"
 * check, and CLI commands ({@code --headless}, {@code cameras ...}) never load JavaFX at all.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exit = WatchroomCli.run(args, WatchroomApp::launchAndWait, System.out, System.err);
        System.exit(exit);
    }
}
