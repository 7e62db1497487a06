package odcm.app;

import java.io.PrintWriter;
import odcm.app.cli.Cli;
import odcm.app.io.ErrorLog;

/**
 * The one entry point: {@code odcm} with no command opens the console; with a command it runs the command line.
 * Not an {@link javafx.application.Application} subclass, so the command line never starts JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Stopping.install();
        // A fault on a thread of the console (the FX thread, a worker): one sentence, the details in the log.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println("odcm: " + ErrorLog.unexpected(e)));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // No command (or only a bundle or receipt file to show): straight to the console, without the command line's
        // parser (decision 0021).
        System.exit(Cli.opensConsole(args) ? Cli.console(args, err, System.getenv()) : Cli.execute(args, out, err, System.getenv()));
    }

    /**
     * The version the build wrote into the jar's manifest (Implementation-Version, Maven's project.version); "development
     * build" when run from the build's class folders, which have no manifest.
     */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
